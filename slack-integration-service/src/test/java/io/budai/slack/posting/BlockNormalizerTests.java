package io.budai.slack.posting;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.slack.blocks.BlockKitLimits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

class BlockNormalizerTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void repairsSizesWithoutLosingText() {
    ArrayNode blocks = JSON.createArrayNode();
    blocks
        .addObject()
        .put("type", "header")
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", "H".repeat(400));
    blocks
        .addObject()
        .put("type", "section")
        .putObject("text")
        .put("type", "mrkdwn")
        .put("text", "word ".repeat(2000));
    var fields = blocks.addObject().put("type", "section").putArray("fields");
    for (int i = 0; i < 23; i++) {
      fields.addObject().put("type", "mrkdwn").put("text", "field " + i);
    }
    var buttons = blocks.addObject().put("type", "actions").putArray("elements");
    for (int i = 0; i < 30; i++) {
      buttons
          .addObject()
          .put("type", "button")
          .put("action_id", "a" + i)
          .putObject("text")
          .put("type", "plain_text")
          .put("text", "L".repeat(100));
    }

    BlockNormalizer.Result result = BlockNormalizer.normalize(blocks);

    assertThat(result.errors()).isEmpty();
    StringBuilder all = new StringBuilder();
    for (ArrayNode message : result.messages()) {
      assertThat(message.size()).isLessThanOrEqualTo(BlockKitLimits.MESSAGE_BLOCKS);
      for (JsonNode block : message) {
        switch (block.path("type").asString()) {
          case "header" -> {
            assertThat(block.path("text").path("type").asString()).isEqualTo("plain_text");
            assertThat(block.path("text").path("text").asString()).hasSizeLessThanOrEqualTo(150);
          }
          case "section" -> {
            assertThat(block.path("text").path("text").asString("")).hasSizeLessThanOrEqualTo(3000);
            assertThat(block.path("fields").size()).isLessThanOrEqualTo(10);
          }
          case "actions" -> {
            assertThat(block.path("elements").size()).isLessThanOrEqualTo(25);
            block
                .path("elements")
                .forEach(
                    b ->
                        assertThat(b.path("text").path("text").asString())
                            .hasSizeLessThanOrEqualTo(75));
          }
          default -> {}
        }
      }
      all.append(message);
    }
    assertThat(all.toString().split("word", -1)).hasSize(2001);
    for (int i = 0; i < 23; i++) {
      assertThat(all).contains("\"field " + i + "\"");
    }
    for (int i = 0; i < 30; i++) {
      assertThat(all).contains("\"a" + i + "\"");
    }
  }

  @Test
  void splitsManyBlocksIntoMessagesOfFifty() {
    ArrayNode blocks = JSON.createArrayNode();
    for (int i = 0; i < 120; i++) {
      blocks.addObject().put("type", "divider");
    }
    assertThat(BlockNormalizer.normalize(blocks).messages())
        .extracting(ArrayNode::size)
        .containsExactly(50, 50, 20);
  }

  @Test
  void refusesWhatCannotBeRepaired() {
    assertThat(BlockNormalizer.normalize(JSON.readTree("{\"type\":\"divider\"}")).errors())
        .singleElement()
        .asString()
        .contains("json-pointer:/blocks");
    assertThat(
            BlockNormalizer.normalize(JSON.readTree("[{\"type\":\"divider\"},{\"text\":1}]"))
                .errors())
        .singleElement()
        .asString()
        .contains("json-pointer:/blocks/1");
    String longValue =
        "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\",\"value\":\""
            + "v".repeat(2001)
            + "\"}]}";
    assertThat(BlockNormalizer.normalize(JSON.readTree("[" + longValue + "]")).errors())
        .singleElement()
        .asString()
        .contains("/blocks/0/elements/0/value");
  }
}
