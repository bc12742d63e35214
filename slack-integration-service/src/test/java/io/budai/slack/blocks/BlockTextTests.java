package io.budai.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BlockTextTests {

  @Test
  void escapesTheCharactersMrkdwnTreatsAsMarkup() {
    assertThat(BlockText.escape("a < b & <@U123> > c"))
        .isEqualTo("a &lt; b &amp; &lt;@U123&gt; &gt; c");
  }

  @Test
  void chunksAtTheBestBoundaryWithoutLosingText() {
    String text = "First paragraph.\n\nSecond one is longer. It has two sentences.";
    List<String> pieces = BlockText.chunks(text, 30);
    assertThat(pieces).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(30));
    assertThat(pieces.getFirst()).isEqualTo("First paragraph.");
    assertThat(String.join(" ", pieces).replace("\n", " ").replaceAll("\\s+", " "))
        .isEqualTo(text.replace("\n", " ").replaceAll("\\s+", " "));
  }

  @Test
  void neverCutsAnEntityOrASurrogatePair() {
    String entities = "x".repeat(8) + "&amp;" + "y".repeat(10);
    assertThat(BlockText.chunks(entities, 10)).allSatisfy(p -> assertThat(p).doesNotEndWith("&am"));
    assertThat(BlockText.chunks(entities, 10).getFirst()).isEqualTo("xxxxxxxx");
    String emoji = "a".repeat(9) + "😀" + "b";
    assertThat(BlockText.chunks(emoji, 10).getFirst()).isEqualTo("a".repeat(9));
    assertThat(BlockText.truncate("Meeting summary of a long day", 10))
        .isEqualTo("Meeting s…")
        .hasSize(10);
  }
}
