package io.budai.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.collector.CollectorProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SegmentCleanerTests {

  private final SegmentCleaner cleaner =
      new SegmentCleaner(
          new Binder(new MapConfigurationPropertySource(Map.of()))
              .bindOrCreate("collector", CollectorProperties.class));

  @Test
  void stripsAmiMarkersAndTokenizedSpacing() {
    assertThat(
            cleaner.clean(
                "Okay Right {vocalsound} Um well this is the kick-off meeting for our project ."))
        .isEqualTo("Okay Right Um well this is the kick-off meeting for our project.");
    assertThat(cleaner.clean("So {disfmarker} , I'm Laura , and you ?"))
        .isEqualTo("So, I'm Laura, and you?");
  }

  @Test
  void dropsSegmentsThatCarryNoWords() {
    assertThat(cleaner.clean("{vocalsound}")).isEmpty();
    assertThat(cleaner.clean("[BLANK_AUDIO]")).isEmpty();
    assertThat(cleaner.clean("  <inaudible> ")).isEmpty();
    assertThat(cleaner.clean("{disfmarker} .")).isEmpty();
    assertThat(cleaner.clean(">>")).isEmpty();
    assertThat(cleaner.clean("")).isEmpty();
  }

  @Test
  void keepsShortRealUtterancesAndStripsControlCharacters() {
    assertThat(cleaner.clean("Mm-hmm .")).isEqualTo("Mm-hmm.");
    assertThat(cleaner.clean("Yes")).isEqualTo("Yes");
    assertThat(cleaner.clean("nul\u0000 byte")).isEqualTo("nul byte");
  }
}
