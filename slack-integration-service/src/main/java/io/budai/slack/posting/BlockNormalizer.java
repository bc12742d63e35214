package io.budai.slack.posting;

import io.budai.slack.blocks.BlockKitLimits;
import io.budai.slack.blocks.BlockText;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings caller-supplied blocks within Block Kit's limits before they are queued, because Slack
 * refuses a whole message ({@code invalid_blocks}) for one long section. Size limits are repaired
 * without losing text: a long section becomes several, too many fields or elements are spread over
 * several blocks, a header or button label is shortened. Only what cannot be repaired without
 * changing meaning (not an array, a block without a type, a long {@code block_id} or button value)
 * is refused, with a JSON pointer like Slack's own errors. The result is then cut into messages of
 * at most 50 blocks and a bounded amount of text.
 */
final class BlockNormalizer {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private BlockNormalizer() {}

  /** The normalized blocks, split into messages; or the reasons they cannot be posted. */
  static Result normalize(JsonNode blocks) {
    List<String> errors = new ArrayList<>();
    List<ObjectNode> out = new ArrayList<>();
    if (!blocks.isArray()) {
      errors.add("blocks must be a JSON array [json-pointer:/blocks]");
      return new Result(List.of(), errors);
    }
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      String at = "/blocks/" + i;
      if (!block.isObject() || !block.path("type").isString()) {
        errors.add("a block must be an object with a string type [json-pointer:" + at + "]");
        continue;
      }
      ObjectNode copy = (ObjectNode) block.deepCopy();
      if (copy.path("block_id").isString() && copy.path("block_id").asString().length() > 255) {
        errors.add("must be at most 255 characters [json-pointer:" + at + "/block_id]");
        continue;
      }
      switch (copy.path("type").asString()) {
        case "header" -> out.add(header(copy));
        case "section" -> out.addAll(section(copy));
        case "context" -> out.addAll(spread(copy, "elements", BlockKitLimits.CONTEXT_ELEMENTS));
        case "actions" -> {
          if (!buttons(copy, at, errors)) {
            continue;
          }
          out.addAll(spread(copy, "elements", BlockKitLimits.ACTION_ELEMENTS));
        }
        default -> out.add(copy);
      }
    }
    return new Result(errors.isEmpty() ? pages(out) : List.of(), errors);
  }

  private static ObjectNode header(ObjectNode block) {
    if (block.path("text").isObject()) {
      ObjectNode text = (ObjectNode) block.get("text");
      text.put("type", "plain_text");
      if (text.path("text").isString()) {
        text.put(
            "text", BlockText.truncate(text.get("text").asString(), BlockKitLimits.HEADER_TEXT));
      }
    }
    return block;
  }

  private static List<ObjectNode> section(ObjectNode block) {
    JsonNode fields = block.path("fields");
    if (fields.isArray()) {
      for (JsonNode field : fields) {
        if (field.isObject() && field.path("text").isString()) {
          ((ObjectNode) field)
              .put(
                  "text",
                  BlockText.truncate(field.get("text").asString(), BlockKitLimits.FIELD_TEXT));
        }
      }
    }
    // Fields and an accessory stay with the first piece of a long text.
    List<ObjectNode> result =
        new ArrayList<>(spread(block, "fields", BlockKitLimits.SECTION_FIELDS));
    JsonNode text = block.path("text");
    if (text.isObject()
        && text.path("text").isString()
        && text.get("text").asString().length() > BlockKitLimits.SECTION_TEXT) {
      List<String> pieces =
          BlockText.chunks(text.get("text").asString(), BlockKitLimits.SECTION_TEXT);
      ObjectNode first = result.getFirst();
      ((ObjectNode) first.get("text")).put("text", pieces.getFirst());
      for (int p = 1; p < pieces.size(); p++) {
        ObjectNode pieceText = ((ObjectNode) text).deepCopy();
        pieceText.put("text", pieces.get(p));
        ObjectNode piece = NODES.objectNode().put("type", "section");
        piece.set("text", pieceText);
        result.add(p, piece);
      }
    }
    return result;
  }

  private static boolean buttons(ObjectNode block, String at, List<String> errors) {
    JsonNode elements = block.path("elements");
    for (int e = 0; e < elements.size(); e++) {
      JsonNode element = elements.get(e);
      if (!"button".equals(element.path("type").asString())) {
        continue;
      }
      if (element.path("value").isString()
          && element.get("value").asString().length() > BlockKitLimits.BUTTON_VALUE) {
        errors.add(
            "must be at most 2000 characters [json-pointer:" + at + "/elements/" + e + "/value]");
        return false;
      }
      JsonNode label = element.path("text");
      if (label.isObject() && label.path("text").isString()) {
        ((ObjectNode) label)
            .put(
                "text",
                BlockText.truncate(label.get("text").asString(), BlockKitLimits.BUTTON_TEXT));
      }
    }
    return true;
  }

  /** Spreads the {@code field} array over copies of {@code block} with at most {@code max} each. */
  private static List<ObjectNode> spread(ObjectNode block, String field, int max) {
    JsonNode items = block.path(field);
    if (!items.isArray() || items.size() <= max) {
      return List.of(block);
    }
    List<ObjectNode> copies = new ArrayList<>();
    for (int from = 0; from < items.size(); from += max) {
      ObjectNode copy =
          from == 0
              ? block.deepCopy()
              : NODES.objectNode().put("type", block.get("type").asString());
      ArrayNode slice = copy.putArray(field);
      for (int i = from; i < Math.min(from + max, items.size()); i++) {
        slice.add(items.get(i).deepCopy());
      }
      copies.add(copy);
    }
    return copies;
  }

  /** Messages of at most 50 blocks and a bounded amount of text each. */
  private static List<ArrayNode> pages(List<ObjectNode> blocks) {
    List<ArrayNode> pages = new ArrayList<>();
    ArrayNode page = NODES.arrayNode();
    int chars = 0;
    for (ObjectNode block : blocks) {
      int size = textLength(block);
      if (!page.isEmpty()
          && (page.size() >= BlockKitLimits.MESSAGE_BLOCKS
              || chars + size > BlockKitLimits.MESSAGE_BLOCK_CHARS)) {
        pages.add(page);
        page = NODES.arrayNode();
        chars = 0;
      }
      page.add(block);
      chars += size;
    }
    if (!page.isEmpty()) {
      pages.add(page);
    }
    return pages;
  }

  static int textLength(JsonNode node) {
    int total = 0;
    if (node.isObject()) {
      for (var entry : node.properties()) {
        if (entry.getKey().equals("text") && entry.getValue().isString()) {
          total += entry.getValue().asString().length();
        } else {
          total += textLength(entry.getValue());
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        total += textLength(child);
      }
    }
    return total;
  }

  /** Normalized messages (each a JSON array of blocks), or errors. */
  record Result(List<ArrayNode> messages, List<String> errors) {}
}
