package io.budai.platform.bus;

import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code budai.bus.pending} and {@code budai.bus.lag} gauges of one group on one stream,
 * sampled from {@code XINFO GROUPS} (lag needs Redis 7; on 6.2 it stays -1).
 */
final class GroupStats {

  private final String stream;
  private final String group;
  private final MeterRegistry registry;
  private final AtomicLong pending = new AtomicLong(-1);
  private final AtomicLong lag = new AtomicLong(-1);
  private final List<Meter> meters;

  GroupStats(String stream, String group, BusMetrics metrics) {
    this.stream = stream;
    this.group = group;
    this.registry = metrics.registry();
    this.meters =
        List.of(
            Gauge.builder("budai.bus.pending", pending, AtomicLong::get)
                .description("Entries delivered to the group and not yet acknowledged")
                .tag("stream", stream)
                .tag("group", group)
                .register(registry),
            Gauge.builder("budai.bus.lag", lag, AtomicLong::get)
                .description("Entries in the stream not yet delivered to the group")
                .tag("stream", stream)
                .tag("group", group)
                .register(registry));
  }

  void refresh(RedisCommands<String, String> commands) {
    for (Object info : commands.xinfoGroups(stream)) {
      if (info instanceof List<?> fields && group.equals(value(fields, "name"))) {
        pending.set(number(value(fields, "pending")));
        lag.set(number(value(fields, "lag")));
      }
    }
  }

  long pending() {
    return pending.get();
  }

  long lag() {
    return lag.get();
  }

  void close() {
    meters.forEach(registry::remove);
  }

  private static Object value(List<?> fields, String name) {
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if (name.equals(String.valueOf(fields.get(i)))) {
        return fields.get(i + 1);
      }
    }
    return null;
  }

  private static long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return value == null ? -1 : Long.parseLong(value.toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
