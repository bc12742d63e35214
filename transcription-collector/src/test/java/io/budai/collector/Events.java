package io.budai.collector;

import io.budai.contracts.BudaiStreams;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/** Reads what was published on {@code budai:events} (XRANGE), as an observer outside the bus. */
final class Events {

  private final StringRedisTemplate redis;

  Events(StringRedisTemplate redis) {
    this.redis = redis;
  }

  /** Payloads of every {@code type} event about meeting {@code meetingId}. */
  List<JsonNode> of(String type, long meetingId) {
    List<MapRecord<String, Object, Object>> entries =
        redis.opsForStream().range(BudaiStreams.EVENTS, Range.unbounded());
    return entries == null
        ? List.of()
        : entries.stream()
            .map(MapRecord::getValue)
            .filter(fields -> type.equals(fields.get(BudaiStreams.FIELD_TYPE)))
            .map(Events::payload)
            .filter(
                payload -> String.valueOf(meetingId).equals(payload.path("meeting_id").asString()))
            .toList();
  }

  private static JsonNode payload(Map<Object, Object> fields) {
    return Api.JSON.readTree(String.valueOf(fields.get(BudaiStreams.FIELD_EVENT))).get("payload");
  }
}
