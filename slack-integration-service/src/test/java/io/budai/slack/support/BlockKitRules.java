package io.budai.slack.support;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Slack's documented Block Kit limits (protocols.md §1e), as the fake Slack enforces them — written
 * independently of the service's own code so the two check each other.
 */
public final class BlockKitRules {

  private BlockKitRules() {}

  /** Violations of a message's blocks (at most 50). */
  public static List<String> messageErrors(JsonNode blocks) {
    return errors(blocks, 50);
  }

  /** Violations of a Home tab's or modal's blocks (at most 100). */
  public static List<String> viewErrors(JsonNode blocks) {
    return errors(blocks, 100);
  }

  private static List<String> errors(JsonNode blocks, int maxBlocks) {
    List<String> errors = new ArrayList<>();
    if (!blocks.isArray()) {
      errors.add("blocks must be an array");
      return errors;
    }
    if (blocks.size() > maxBlocks) {
      errors.add("no more than " + maxBlocks + " items allowed [json-pointer:/blocks]");
    }
    List<String> blockIds = new ArrayList<>();
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      String at = "[json-pointer:/blocks/" + i;
      String type = block.path("type").asString("");
      if (block.path("block_id").isString()) {
        String id = block.path("block_id").asString();
        if (id.length() > 255 || blockIds.contains(id)) {
          errors.add("invalid block_id " + at + "/block_id]");
        }
        blockIds.add(id);
      }
      switch (type) {
        case "header" -> {
          if (!"plain_text".equals(block.path("text").path("type").asString(""))) {
            errors.add("must be plain_text " + at + "/text]");
          }
          length(errors, block.path("text").path("text"), 1, 150, at + "/text/text]");
        }
        case "section" -> {
          JsonNode text = block.path("text");
          JsonNode fields = block.path("fields");
          if (text.isMissingNode() && !fields.isArray()) {
            errors.add("must provide text or fields " + at + "]");
          }
          if (!text.isMissingNode()) {
            length(errors, text.path("text"), 1, 3000, at + "/text/text]");
          }
          if (fields.isArray()) {
            if (fields.size() > 10) {
              errors.add("no more than 10 items allowed " + at + "/fields]");
            }
            for (int f = 0; f < fields.size(); f++) {
              length(errors, fields.get(f).path("text"), 1, 2000, at + "/fields/" + f + "/text]");
            }
          }
        }
        case "context" -> {
          if (block.path("elements").size() > 10 || block.path("elements").isEmpty()) {
            errors.add("1 to 10 elements " + at + "/elements]");
          }
        }
        case "actions" -> {
          JsonNode elements = block.path("elements");
          if (elements.size() > 25 || elements.isEmpty()) {
            errors.add("1 to 25 elements " + at + "/elements]");
          }
          for (int e = 0; e < elements.size(); e++) {
            JsonNode element = elements.get(e);
            if ("button".equals(element.path("type").asString(""))) {
              length(
                  errors,
                  element.path("text").path("text"),
                  1,
                  75,
                  at + "/elements/" + e + "/text/text]");
              if (element.path("value").isString()
                  && element.path("value").asString().length() > 2000) {
                errors.add(
                    "must be less than 2001 characters " + at + "/elements/" + e + "/value]");
              }
            }
          }
        }
        case "divider", "call", "image", "rich_text", "input", "file", "video", "markdown" -> {
          // no limits the tests exercise
        }
        default -> errors.add("unknown block type " + type + " " + at + "]");
      }
    }
    return errors;
  }

  private static void length(List<String> errors, JsonNode text, int min, int max, String where) {
    if (!text.isString()) {
      errors.add("text is required " + where);
      return;
    }
    int length = text.asString().length();
    if (length < min || length > max) {
      errors.add("must be " + min + ".." + max + " characters, was " + length + " " + where);
    }
  }
}
