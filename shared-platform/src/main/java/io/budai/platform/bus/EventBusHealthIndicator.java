package io.budai.platform.bus;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code eventBus} health: UP when every consumer loop reads its stream (it polled recently), DOWN
 * while one cannot reach Redis or has stalled. A service without handlers is UP. Part of the
 * readiness group, so a replica that cannot consume takes no traffic.
 */
final class EventBusHealthIndicator implements HealthIndicator {

  private final EventBus bus;
  private final Duration stallAfter;

  EventBusHealthIndicator(EventBus bus, BusProperties properties) {
    this.bus = bus;
    this.stallAfter = properties.pollTimeout().multipliedBy(3).plusSeconds(10);
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up();
    health.withDetail("group", bus.group()).withDetail("consumer", bus.consumerName());
    Map<String, Object> streams = new LinkedHashMap<>();
    boolean up = true;
    Instant now = Instant.now();
    for (StreamConsumer consumer : bus.consumers()) {
      Map<String, Object> detail = new LinkedHashMap<>();
      StreamConsumer.State state = consumer.state();
      boolean stalled =
          state == StreamConsumer.State.RUNNING
              && consumer.lastPoll().plus(stallAfter).isBefore(now);
      detail.put("state", stalled ? "STALLED" : state.name());
      detail.put("in_flight", consumer.inFlight());
      detail.put("pending", consumer.stats().pending());
      detail.put("lag", consumer.stats().lag());
      if (consumer.lastError() != null) {
        detail.put("error", consumer.lastError());
      }
      if (state != StreamConsumer.State.RUNNING || stalled) {
        up = false;
      }
      streams.put(consumer.stream(), detail);
    }
    health.withDetail("streams", streams);
    return up ? health.build() : health.down().build();
  }
}
