package io.budai.platform.bus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The bus's Micrometer meters (Prometheus names in parentheses), tagged with {@code stream}, {@code
 * group} and {@code type} where they apply:
 *
 * <ul>
 *   <li>{@code budai.bus.published} ({@code budai_bus_published_total}): entries added;
 *   <li>{@code budai.bus.handled}: entries handled successfully and acknowledged;
 *   <li>{@code budai.bus.failed}: handler failures (each failed delivery);
 *   <li>{@code budai.bus.dead.lettered}: entries moved to the dead-letter stream;
 *   <li>{@code budai.bus.redelivered}: entries claimed again after a failure or a dead consumer;
 *   <li>{@code budai.bus.duplicates}: deliveries skipped because the group had processed the event;
 *   <li>{@code budai.bus.ignored}: entries acknowledged unhandled ({@code reason}: {@code
 *       not_handled}, {@code unknown_type}, {@code other_group});
 *   <li>{@code budai.bus.pending} and {@code budai.bus.lag} (gauges): the group's pending entries
 *       and entries not yet delivered to it;
 *   <li>{@code budai.bus.handler} (timer with histogram): handler latency.
 * </ul>
 */
final class BusMetrics {

  private final MeterRegistry registry;
  private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

  BusMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  MeterRegistry registry() {
    return registry;
  }

  void published(String stream, String type) {
    Map<String, Counter> byType = published.get(stream);
    if (byType == null) {
      byType = published.computeIfAbsent(stream, k -> new ConcurrentHashMap<>());
    }
    Counter counter = byType.get(type);
    if (counter == null) {
      counter =
          byType.computeIfAbsent(
              type,
              t -> counter("budai.bus.published", stream, null, t, "Entries added to a stream"));
    }
    counter.increment();
  }

  private final ConcurrentMap<String, Map<String, Counter>> published = new ConcurrentHashMap<>();

  /** The handled counter and latency timer of one consumer, looked up by type alone. */
  final class Handled {
    private record Meters(Counter handled, Timer latency) {}

    private final String stream;
    private final String group;
    private final ConcurrentMap<String, Meters> byType = new ConcurrentHashMap<>();

    private Handled(String stream, String group) {
      this.stream = stream;
      this.group = group;
    }

    void record(String type, long nanos) {
      Meters meters = byType.get(type);
      if (meters == null) {
        meters =
            byType.computeIfAbsent(
                type,
                t ->
                    new Meters(
                        counter(
                            "budai.bus.handled",
                            stream,
                            group,
                            t,
                            "Entries handled and acknowledged"),
                        timer(stream, group, t)));
      }
      meters.handled().increment();
      meters.latency().record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  Handled handledMeters(String stream, String group) {
    return new Handled(stream, group);
  }

  void handled(String stream, String group, String type, Duration took) {
    counter("budai.bus.handled", stream, group, type, "Entries handled and acknowledged")
        .increment();
    timer(stream, group, type).record(took);
  }

  void failed(String stream, String group, String type) {
    counter("budai.bus.failed", stream, group, type, "Failed deliveries").increment();
  }

  void deadLettered(String stream, String group, String type) {
    counter("budai.bus.dead.lettered", stream, group, type, "Entries moved to the DLQ").increment();
  }

  void redelivered(String stream, String group, int count) {
    counter("budai.bus.redelivered", stream, group, null, "Entries claimed for redelivery")
        .increment(count);
  }

  void duplicate(String stream, String group) {
    counter("budai.bus.duplicates", stream, group, null, "Deliveries of processed events")
        .increment();
  }

  void ignored(String stream, String group, String reason) {
    cached(
            counters,
            "budai.bus.ignored|" + stream + "|" + group + "|" + reason,
            k ->
                Counter.builder("budai.bus.ignored")
                    .description("Entries acknowledged without a handler")
                    .tag("stream", stream)
                    .tag("group", group)
                    .tag("reason", reason)
                    .register(registry))
        .increment();
  }

  private Counter counter(
      String name, String stream, String group, String type, String description) {
    String key = name + "|" + stream + "|" + group + "|" + type;
    return cached(
        counters,
        key,
        k -> {
          Counter.Builder builder = Counter.builder(name).description(description);
          builder.tag("stream", stream);
          if (group != null) {
            builder.tag("group", group);
          }
          if (type != null) {
            builder.tag("type", type);
          }
          return builder.register(registry);
        });
  }

  private Timer timer(String stream, String group, String type) {
    return cached(
        timers,
        stream + "|" + group + "|" + type,
        k ->
            Timer.builder("budai.bus.handler")
                .description("Handler latency")
                .tag("stream", stream)
                .tag("group", group)
                .tag("type", type)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry));
  }

  private static <T> T cached(
      ConcurrentMap<String, T> cache, String key, Function<String, T> make) {
    T meter = cache.get(key);
    return meter != null ? meter : cache.computeIfAbsent(key, make);
  }
}
