package io.budai.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Encodes {@link EventEnvelope}s to the JSON of a stream entry's {@code event} field and back.
 *
 * <p>JSON is snake_case, absent values are omitted, unknown fields are ignored (producers may add
 * nullable fields at any time). Decoding never throws for bad input: it returns a {@link Decoded}
 * that says whether the entry was an event this build knows, an unknown type or version, or
 * malformed — so a consumer loop can acknowledge or dead-letter it and carry on.
 *
 * <p>Thread-safe; one instance can be shared.
 */
public final class EventCodec {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .addModule(
              new SimpleModule("budai-wire")
                  .addDeserializer(Instant.class, new FastInstantDeserializer()))
          .changeDefaultPropertyInclusion(
              incl ->
                  incl.withValueInclusion(JsonInclude.Include.NON_NULL)
                      .withContentInclusion(JsonInclude.Include.NON_NULL))
          .build();

  /**
   * The result of decoding one entry.
   *
   * <ul>
   *   <li>{@link Event}: a known type and version, fully typed;
   *   <li>{@link UnknownType}: well-formed, but this build does not know the type or version;
   *   <li>{@link Malformed}: not an envelope (bad JSON, missing or mistyped fields).
   * </ul>
   */
  public sealed interface Decoded {}

  /** A decoded event. */
  public record Event(EventEnvelope<DomainEvent> envelope) implements Decoded {}

  /**
   * An envelope of a type or version this build does not know.
   *
   * @param id the event id, when present
   */
  public record UnknownType(String type, int version, @Nullable String id) implements Decoded {}

  /**
   * Input that is not an envelope.
   *
   * @param type the entry's type field, as given
   * @param error what is wrong, for a dead letter and the log
   */
  public record Malformed(@Nullable String type, String error) implements Decoded {}

  /** The JSON mapper of the wire format (snake_case, non-null, lenient on unknown fields). */
  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** The JSON of an envelope. */
  public String encode(EventEnvelope<?> envelope) {
    return MAPPER.writeValueAsString(envelope);
  }

  /**
   * Decodes an entry's {@code event} JSON. {@code type} is the entry's {@code type} field; when it
   * is non-null it must agree with the envelope's.
   */
  public Decoded decode(@Nullable String type, @Nullable String json) {
    Event fast = decodeFast(type, json);
    if (fast != null) {
      return fast;
    }
    if (json == null || json.isBlank()) {
      return new Malformed(type, "The entry has no 'event' field");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JacksonException e) {
      return new Malformed(type, "Invalid JSON: " + e.getOriginalMessage());
    }
    if (!tree.isObject()) {
      return new Malformed(type, "The event is not a JSON object");
    }
    String envelopeType = text(tree, "type");
    if (envelopeType == null) {
      return new Malformed(type, "The envelope has no 'type'");
    }
    if (type != null && !type.equals(envelopeType)) {
      return new Malformed(
          type,
          "The entry's type '" + type + "' differs from the envelope's '" + envelopeType + "'");
    }
    JsonNode versionNode = tree.get("version");
    int version = versionNode == null || versionNode.isNull() ? 1 : versionNode.asInt(-1);
    String id = text(tree, "id");
    Optional<EventTypes.EventType> known = EventTypes.find(envelopeType, version);
    if (known.isEmpty()) {
      return new UnknownType(envelopeType, version, id);
    }
    try {
      String occurredAt = text(tree, "occurred_at");
      String source = text(tree, "source");
      JsonNode payload = tree.get("payload");
      if (id == null || occurredAt == null || source == null) {
        return new Malformed(
            envelopeType, "The envelope lacks one of 'id', 'occurred_at', 'source'");
      }
      if (payload == null || !payload.isObject()) {
        return new Malformed(envelopeType, "The envelope has no 'payload' object");
      }
      DomainEvent event = MAPPER.treeToValue(payload, known.get().payloadClass());
      String correlationId = text(tree, "correlation_id");
      return new Event(
          new EventEnvelope<>(
              id,
              envelopeType,
              version,
              Instant.parse(occurredAt),
              source,
              correlationId == null ? id : correlationId,
              text(tree, "causation_id"),
              text(tree, "user_id"),
              event));
    } catch (JacksonException | java.time.format.DateTimeParseException e) {
      return new Malformed(
          envelopeType,
          "The "
              + envelopeType
              + " v"
              + version
              + " envelope does not match its schema: "
              + (e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage()));
    } catch (RuntimeException e) {
      // A record's compact constructor rejected the payload.
      return new Malformed(envelopeType, "Invalid payload: " + e);
    }
  }

  /**
   * One pass straight into the typed envelope, for the common case of an entry whose type this
   * build knows in one version; anything unexpected (another version, a missing field, bad JSON)
   * falls back to the tree-based path, which says precisely what is wrong.
   */
  private static @Nullable Event decodeFast(@Nullable String type, @Nullable String json) {
    if (type == null || json == null) {
      return null;
    }
    JavaType target = FAST_TYPES.get(type);
    if (target == null) {
      return null;
    }
    try {
      EventEnvelope<DomainEvent> envelope = MAPPER.readValue(json, target);
      EventTypes.EventType expected = EventTypes.of(envelope.payload());
      if (envelope.id() == null
          || !type.equals(envelope.type())
          || envelope.version() != expected.version()
          || envelope.occurredAt() == null
          || envelope.source() == null) {
        return null;
      }
      return new Event(
          envelope.correlationId() != null
              ? envelope
              : new EventEnvelope<>(
                  envelope.id(),
                  envelope.type(),
                  envelope.version(),
                  envelope.occurredAt(),
                  envelope.source(),
                  envelope.id(),
                  envelope.causationId(),
                  envelope.userId(),
                  envelope.payload()));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Typed envelope of every wire type known in exactly one version. */
  private static final Map<String, JavaType> FAST_TYPES = fastTypes();

  private static Map<String, JavaType> fastTypes() {
    Map<String, List<EventTypes.EventType>> byType =
        EventTypes.all().stream().collect(Collectors.groupingBy(EventTypes.EventType::type));
    Map<String, JavaType> types = new HashMap<>();
    byType.forEach(
        (type, versions) -> {
          if (versions.size() == 1) {
            types.put(
                type,
                MAPPER
                    .getTypeFactory()
                    .constructParametricType(
                        EventEnvelope.class, versions.getFirst().payloadClass()));
          }
        });
    return Map.copyOf(types);
  }

  /**
   * Decodes JSON that must be a known event (tests, tools).
   *
   * @throws IllegalArgumentException when it is not
   */
  public EventEnvelope<DomainEvent> decodeOrThrow(String json) {
    return switch (decode(null, json)) {
      case Event e -> e.envelope();
      case UnknownType u ->
          throw new IllegalArgumentException("Unknown event type " + u.type() + " v" + u.version());
      case Malformed m -> throw new IllegalArgumentException(m.error());
    };
  }

  /**
   * Decodes JSON that must be an event with a payload of {@code payloadClass}.
   *
   * @throws IllegalArgumentException when it is not
   */
  @SuppressWarnings("unchecked")
  public <E extends DomainEvent> EventEnvelope<E> decodeAs(String json, Class<E> payloadClass) {
    EventEnvelope<DomainEvent> envelope = decodeOrThrow(json);
    if (!payloadClass.isInstance(envelope.payload())) {
      throw new IllegalArgumentException(
          "Expected " + EventTypes.typeOf(payloadClass) + " but got " + envelope.type());
    }
    return (EventEnvelope<E>) (EventEnvelope<?>) envelope;
  }

  private static @Nullable String text(JsonNode tree, String field) {
    JsonNode node = tree.get(field);
    return node == null || node.isNull() ? null : node.asString();
  }
}
