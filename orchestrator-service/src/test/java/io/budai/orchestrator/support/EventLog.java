package io.budai.orchestrator.support;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.WorkflowStateChanged;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Reads what was appended to {@code budai:events} (XRANGE), decoded with the wire codec. */
public final class EventLog {

  private static final EventCodec CODEC = new EventCodec();

  private EventLog() {}

  /** Every decodable event in the stream, oldest first. */
  public static List<EventEnvelope<DomainEvent>> all(StringRedisTemplate redis) {
    List<MapRecord<String, Object, Object>> records =
        redis.opsForStream().range(BudaiStreams.EVENTS, Range.unbounded());
    List<EventEnvelope<DomainEvent>> events = new ArrayList<>();
    if (records == null) {
      return events;
    }
    for (MapRecord<String, Object, Object> record : records) {
      Map<Object, Object> fields = record.getValue();
      Object type = fields.get(BudaiStreams.FIELD_TYPE);
      Object json = fields.get(BudaiStreams.FIELD_EVENT);
      if (CODEC.decode(type == null ? null : type.toString(), json == null ? null : json.toString())
          instanceof EventCodec.Event event) {
        events.add(event.envelope());
      }
    }
    return events;
  }

  /** The payloads of type {@code type}, oldest first. */
  public static <E extends DomainEvent> List<E> of(StringRedisTemplate redis, Class<E> type) {
    return all(redis).stream()
        .map(EventEnvelope::payload)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** The {@code workflow.state.changed} events of one workflow, oldest first. */
  public static List<WorkflowStateChanged> stateChanges(
      StringRedisTemplate redis, String workflowId) {
    return of(redis, WorkflowStateChanged.class).stream()
        .filter(e -> e.workflowId().equals(workflowId))
        .toList();
  }
}
