package io.budai.slack.support;

import io.budai.contracts.BudaiStreams;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads what was published on {@code budai:events}, as any consumer would see it on the wire. */
public final class BusTap {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final StringRedisTemplate redis;

  public BusTap(StringRedisTemplate redis) {
    this.redis = redis;
  }

  /** The envelopes of {@code type} whose payload matches, oldest first (XRANGE budai:events). */
  public List<JsonNode> events(String type, Predicate<JsonNode> payload) {
    List<MapRecord<String, Object, Object>> entries =
        redis.opsForStream().range(BudaiStreams.EVENTS, Range.unbounded());
    if (entries == null) {
      return List.of();
    }
    return entries.stream()
        .map(MapRecord::getValue)
        .filter(fields -> type.equals(String.valueOf(fields.get(BudaiStreams.FIELD_TYPE))))
        .map(BusTap::envelope)
        .filter(envelope -> payload.test(envelope.path("payload")))
        .toList();
  }

  private static JsonNode envelope(Map<Object, Object> fields) {
    return JSON.readTree(String.valueOf(fields.get(BudaiStreams.FIELD_EVENT)));
  }
}
