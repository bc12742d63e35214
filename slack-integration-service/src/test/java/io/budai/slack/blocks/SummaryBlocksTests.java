package io.budai.slack.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.dto.ActionItem;
import io.budai.contracts.dto.MeetingSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SummaryBlocksTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final SummaryBlocks blocks =
      new SummaryBlocks(
          "https://budai.example",
          name -> name.equalsIgnoreCase("Ada") ? Optional.of("U0ADA") : Optional.empty());

  @Test
  void rendersHeaderSectionsOwnersAndButtonsInOneMessage() {
    List<MessagePart> parts =
        blocks.messages(
            "Weekly sync",
            summary(
                "We shipped <v2> & celebrated.",
                List.of(
                    new ActionItem("Write notes", "Ada", "Friday", 0.9),
                    new ActionItem("Book room", "Bob", null, 0.7),
                    new ActionItem("Tidy up", null, null, 0.5))));

    assertThat(parts).hasSize(1);
    JsonNode message = JSON.readTree(parts.getFirst().blocks());
    assertThat(message.get(0).path("type").asString()).isEqualTo("header");
    assertThat(message.get(0).path("text").path("text").asString())
        .isEqualTo("Meeting summary: Weekly sync");
    String all = message.toString();
    assertThat(all).contains("We shipped &lt;v2&gt; &amp; celebrated.");
    assertThat(all).contains("• Write notes — <@U0ADA> · due Friday");
    assertThat(all).contains("• Book room — *Bob*");
    assertThat(all).contains("• Tidy up — _unassigned_");
    assertThat(all).contains("https://budai.example/meetings/m-1").contains("rerun_summary");
    assertThat(parts.getFirst().text()).isEqualTo("Meeting summary: Weekly sync");
  }

  @Test
  void splitsALongSummaryWithinEveryLimitAndKeepsAllItsText() {
    List<ActionItem> items = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      items.add(
          new ActionItem(
              "Action item " + i + " " + "detail ".repeat(20), "Owner " + i, "soon", 0.8));
    }
    String overview = "A very long overview sentence. ".repeat(400);

    List<MessagePart> parts = blocks.messages("T".repeat(300), summary(overview, items));

    assertThat(parts.size()).isGreaterThan(1);
    StringBuilder all = new StringBuilder();
    for (MessagePart part : parts) {
      JsonNode message = JSON.readTree(part.blocks());
      assertThat(message.size()).isLessThanOrEqualTo(BlockKitLimits.MESSAGE_BLOCKS);
      int chars = 0;
      for (JsonNode block : message) {
        String type = block.path("type").asString();
        String text = block.path("text").path("text").asString("");
        if (type.equals("header")) {
          assertThat(text.length()).isLessThanOrEqualTo(BlockKitLimits.HEADER_TEXT);
        }
        if (type.equals("section")) {
          assertThat(text.length()).isBetween(1, BlockKitLimits.SECTION_TEXT);
          chars += text.length();
        }
      }
      assertThat(chars).isLessThanOrEqualTo(BlockKitLimits.MESSAGE_BLOCK_CHARS);
      all.append(message);
    }
    for (int i = 0; i < 400; i++) {
      assertThat(all).contains("Action item " + i + " ");
    }
    assertThat(all.toString().split("A very long overview sentence", -1)).hasSize(401);
    assertThat(parts.getLast().blocks()).contains("summary_actions");
    assertThat(parts.get(1).text()).contains("(part 2 of " + parts.size() + ")");
  }

  @Test
  void theHomeEntryIsCompact() {
    List<ActionItem> items = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      items.add(new ActionItem("Item " + i, "Ada", null, 0.9));
    }
    var entry = blocks.homeEntry(null, summary("Short.", items));
    assertThat(entry).hasSizeLessThanOrEqualTo(4);
    String json =
        JSON.writeValueAsString(
            JSON.readTree(com.slack.api.util.json.GsonFactory.createSnakeCase().toJson(entry)));
    assertThat(json).contains("meeting m-1").contains("and 7 more").contains("view_summary");
  }

  private static MeetingSummary summary(String overview, List<ActionItem> items) {
    return new MeetingSummary(
        "m-1",
        overview,
        List.of("Budget fixed"),
        List.of("Ship v2"),
        items,
        List.of("Hiring"),
        "offline",
        null,
        null);
  }
}
