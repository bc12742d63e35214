package io.budai.contracts.segments;

import io.budai.contracts.events.EventCodec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes {@link SegmentMessage}s to the JSON of a {@code budai:segments} entry's {@code event}
 * field (the entry's {@code type} field holds the wire type) and back, in the same style as {@link
 * EventCodec}: snake_case, unknown fields ignored, and decoding that never throws for bad input.
 */
public final class SegmentCodec {

  private static final JsonMapper MAPPER = EventCodec.mapper();

  /** The result of decoding one entry. */
  public sealed interface Decoded {}

  /** A decoded message. */
  public record Message(SegmentMessage message) implements Decoded {}

  /** A well-formed entry of a type this build does not know. */
  public record UnknownType(String type) implements Decoded {}

  /** An entry that is not a segment message. */
  public record Malformed(@Nullable String type, String error) implements Decoded {}

  /** The JSON of a message (its type goes into the entry's {@code type} field). */
  public String encode(SegmentMessage message) {
    return MAPPER.writeValueAsString(message);
  }

  /** Decodes an entry's {@code type} and {@code event} fields. */
  public Decoded decode(@Nullable String type, @Nullable String json) {
    if (type == null || type.isBlank()) {
      return new Malformed(type, "The entry has no 'type' field");
    }
    Class<? extends SegmentMessage> target = SegmentMessage.classOf(type);
    if (target == null) {
      return new UnknownType(type);
    }
    if (json == null || json.isBlank()) {
      return new Malformed(type, "The entry has no 'event' field");
    }
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (!tree.isObject()) {
        return new Malformed(type, "The event is not a JSON object");
      }
      SegmentMessage message = MAPPER.treeToValue(tree, target);
      if (message.uid() == null || message.meetingId() == null) {
        return new Malformed(type, "The " + type + " message lacks 'uid' or 'meeting_id'");
      }
      return new Message(message);
    } catch (JacksonException e) {
      return new Malformed(type, "The " + type + " message is invalid: " + e.getOriginalMessage());
    } catch (RuntimeException e) {
      return new Malformed(type, "Invalid " + type + " message: " + e);
    }
  }

  /**
   * Decodes an entry that must be a known message (tests, tools).
   *
   * @throws IllegalArgumentException when it is not
   */
  public SegmentMessage decodeOrThrow(String type, String json) {
    return switch (decode(type, json)) {
      case Message m -> m.message();
      case UnknownType u -> throw new IllegalArgumentException("Unknown segment type " + u.type());
      case Malformed m -> throw new IllegalArgumentException(m.error());
    };
  }
}
