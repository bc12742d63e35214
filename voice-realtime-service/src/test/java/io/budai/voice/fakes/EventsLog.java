package io.budai.voice.fakes;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@code budai:events} for tests: publishes an event as another service would (its {@code source}
 * and user), and reads back what was published ({@code XRANGE}), decoded.
 */
public final class EventsLog {

  private static final EventCodec CODEC = new EventCodec();

  private final StringRedisTemplate redis;

  public EventsLog(StringRedisTemplate redis) {
    this.redis = redis;
  }

  /** Publishes {@code event} as {@code source} on behalf of {@code userId}. */
  public EventEnvelope<?> publishAs(String source, DomainEvent event, String userId) {
    EventEnvelope<DomainEvent> envelope =
        EventEnvelope.create(event, source, "test-correlation", null, userId);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(BudaiStreams.FIELD_TYPE, envelope.type());
    fields.put(BudaiStreams.FIELD_ID, envelope.id());
    if (envelope.orderingKey() != null) {
      fields.put(BudaiStreams.FIELD_KEY, envelope.orderingKey());
    }
    fields.put(BudaiStreams.FIELD_EVENT, CODEC.encode(envelope));
    redis.opsForStream().add(StreamRecords.mapBacked(fields).withStreamKey(BudaiStreams.EVENTS));
    return envelope;
  }

  /** Every event of payload type {@code type}, in stream order. */
  public <E extends DomainEvent> List<EventEnvelope<E>> of(Class<E> type) {
    List<MapRecord<String, Object, Object>> records =
        redis.opsForStream().range(BudaiStreams.EVENTS, Range.unbounded());
    List<EventEnvelope<E>> out = new ArrayList<>();
    if (records == null) {
      return out;
    }
    for (MapRecord<String, Object, Object> record : records) {
      if (CODEC.decode(
                  (String) record.getValue().get(BudaiStreams.FIELD_TYPE),
                  (String) record.getValue().get(BudaiStreams.FIELD_EVENT))
              instanceof EventCodec.Event event
          && type.isInstance(event.envelope().payload())) {
        @SuppressWarnings("unchecked")
        EventEnvelope<E> typed = (EventEnvelope<E>) (EventEnvelope<?>) event.envelope();
        out.add(typed);
      }
    }
    return out;
  }
}
