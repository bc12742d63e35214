package io.budai.admin;

import io.budai.contracts.BudaiStreams;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Reads the event bus stream the way an outside observer would ({@code XRANGE budai:events}). */
public final class BusStream {

  private BusStream() {}

  /** The {@code event} JSON of every entry of {@code type} currently in the stream. */
  public static List<String> events(StringRedisTemplate redis, String type) {
    List<MapRecord<String, Object, Object>> entries =
        redis.opsForStream().range(BudaiStreams.EVENTS, Range.unbounded());
    return entries == null
        ? List.of()
        : entries.stream()
            .map(MapRecord::getValue)
            .filter(v -> type.equals(v.get(BudaiStreams.FIELD_TYPE)))
            .map(v -> String.valueOf(v.get(BudaiStreams.FIELD_EVENT)))
            .toList();
  }

  /** Appends a raw entry, as a redelivery or another producer would ({@code XADD}). */
  public static void add(StringRedisTemplate redis, String type, String eventJson) {
    redis
        .opsForStream()
        .add(
            BudaiStreams.EVENTS,
            Map.of(BudaiStreams.FIELD_TYPE, type, BudaiStreams.FIELD_EVENT, eventJson));
  }
}
