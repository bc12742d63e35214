package io.budai.contracts.events;

import io.budai.contracts.UuidV7;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What travels in the {@code event} field of a {@code budai:events} entry (DESIGN.md §2).
 *
 * @param id UUIDv7 of this event; handlers are idempotent on it
 * @param type stable wire name ({@link EventTypes})
 * @param version payload version
 * @param occurredAt when the producer created it
 * @param source the producing service ({@code spring.application.name})
 * @param correlationId id shared by everything one request or workflow caused
 * @param causationId id of the event whose handling published this one, or null
 * @param userId the user it concerns, or null
 * @param payload the typed payload
 * @param <E> payload type
 */
public record EventEnvelope<E extends DomainEvent>(
    String id,
    String type,
    int version,
    Instant occurredAt,
    String source,
    String correlationId,
    @Nullable String causationId,
    @Nullable String userId,
    E payload) {

  /**
   * A new envelope for {@code payload} with a fresh id and the current time; a null correlation id
   * starts a new chain (the event's own id).
   */
  public static <E extends DomainEvent> EventEnvelope<E> create(
      E payload,
      String source,
      @Nullable String correlationId,
      @Nullable String causationId,
      @Nullable String userId) {
    EventTypes.EventType type = EventTypes.of(payload);
    String id = UuidV7.next();
    return new EventEnvelope<>(
        id,
        type.type(),
        type.version(),
        Instant.now(),
        source,
        correlationId == null ? id : correlationId,
        causationId,
        userId,
        payload);
  }

  /** The payload's ordering key ({@link DomainEvent#orderingKey()}). */
  public @Nullable String orderingKey() {
    return payload.orderingKey();
  }
}
