package io.budai.contracts.segments;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.events.EventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SegmentCodecTests {

  static final Map<String, SegmentMessage> SAMPLES =
      Map.of(
          SegmentMessage.SESSION_START,
          new SessionStart(
              "s-0001",
              "m-0001",
              "google_meet",
              "abc-defg-hij",
              "en",
              "nova-3",
              "u-0001",
              Instant.parse("2025-06-10T10:00:00Z")),
          SegmentMessage.TRANSCRIPTION,
          new Transcription(
              "s-0001",
              "m-0001",
              "google_meet",
              "abc-defg-hij",
              "en",
              "nova-3",
              List.of(
                  new Segment(0.0, 2.5, "Ada", "Good morning.", "en", true, "seg-1"),
                  new Segment(2.5, 4.0, "Bob", "Morning", "en", false, "seg-2"))),
          SegmentMessage.SESSION_END,
          new SessionEnd(
              "s-0001",
              "m-0001",
              "google_meet",
              "abc-defg-hij",
              "en",
              "nova-3",
              Instant.parse("2025-06-10T10:30:00Z"),
              "meeting_ended"));

  private final SegmentCodec codec = new SegmentCodec();

  static Stream<String> types() {
    return Stream.of(
        SegmentMessage.SESSION_START, SegmentMessage.TRANSCRIPTION, SegmentMessage.SESSION_END);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void goldenJsonDecodesToTheSample(String type) throws IOException {
    SegmentMessage decoded = codec.decodeOrThrow(type, golden(type));

    assertThat(decoded).isEqualTo(SAMPLES.get(type));
    assertThat(decoded.type()).isEqualTo(type);
    assertThat(decoded.orderingKey()).isEqualTo("m-0001");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void sampleEncodesToTheGoldenJson(String type) throws IOException {
    assertThat(EventCodec.mapper().readTree(codec.encode(SAMPLES.get(type))))
        .isEqualTo(EventCodec.mapper().readTree(golden(type)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("types")
  void samplesSetEveryField(String type) throws ReflectiveOperationException {
    SegmentMessage sample = SAMPLES.get(type);
    for (RecordComponent component : sample.getClass().getRecordComponents()) {
      assertThat(component.getAccessor().invoke(sample)).as(component.getName()).isNotNull();
    }
  }

  @Test
  void mapsTypesAndClassesBothWays() {
    types()
        .forEach(
            type ->
                assertThat(SegmentMessage.typeOf(SegmentMessage.classOf(type))).isEqualTo(type));
    assertThat(SegmentMessage.classOf("bogus")).isNull();
    assertThat(SegmentMessage.typeOf(SegmentMessage.class)).isNull();
  }

  @Test
  void ignoresUnknownFields() throws IOException {
    String json = golden(SegmentMessage.SESSION_END).replace("{", "{\"new_field\":[1,2],");

    assertThat(codec.decode(SegmentMessage.SESSION_END, json))
        .isEqualTo(new SegmentCodec.Message(SAMPLES.get(SegmentMessage.SESSION_END)));
  }

  @Test
  void reportsUnknownAndMalformedEntriesWithoutThrowing() {
    assertThat(codec.decode("speaker_changed", "{}"))
        .isEqualTo(new SegmentCodec.UnknownType("speaker_changed"));
    assertThat(codec.decode(null, "{}")).isInstanceOf(SegmentCodec.Malformed.class);
    assertThat(codec.decode(SegmentMessage.TRANSCRIPTION, "{\"uid\":"))
        .isInstanceOf(SegmentCodec.Malformed.class);
    assertThat(codec.decode(SegmentMessage.TRANSCRIPTION, "{\"platform\":\"zoom\"}"))
        .isInstanceOfSatisfying(
            SegmentCodec.Malformed.class, m -> assertThat(m.error()).contains("uid"));
    assertThat(codec.decode(SegmentMessage.TRANSCRIPTION, "\"text\""))
        .isInstanceOf(SegmentCodec.Malformed.class);
  }

  static String golden(String type) throws IOException {
    String path = "/golden/segments/" + type + ".json";
    try (InputStream in = SegmentCodecTests.class.getResourceAsStream(path)) {
      assertThat(in).as("golden file %s", path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
