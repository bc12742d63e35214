package io.budai.llm.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextCleanerTests {

  @Test
  void dropsCorpusMarkersFillersAndRepetitions() {
    String raw =
        "Okay Right {vocalsound} Um well this is the kick-off meeting for our our project . Um"
            + " {disfmarker} and um this is just what we're gonna be doing .";
    assertThat(TextCleaner.clean(raw))
        .isEqualTo(
            "Okay Right well this is the kick-off meeting for our project. and this is just what"
                + " we're going to be doing.");
  }

  @Test
  void dropsBrokenOffWordFragments() {
    assertThat(TextCleaner.clean("so as to en enhance our profit and t look at the th their"))
        .isEqualTo("so as to enhance our profit and look at the their");
  }

  @Test
  void splitsIntoTidySentences() {
    assertThat(TextCleaner.sentences("Okay so um we should use rubber , yeah . Mm-hmm . Right ?"))
        .containsExactly("We should use rubber.");
  }
}
