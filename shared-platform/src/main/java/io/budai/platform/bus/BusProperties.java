package io.budai.platform.bus;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event bus settings, under {@code budai.bus.*}.
 *
 * @param enabled whether the bus (publisher, consumers, dead-letter API) is configured at all
 * @param streamMaxLength approximate bound of {@code budai:events} ({@code XADD MAXLEN ~})
 * @param segmentsMaxLength approximate bound of {@code budai:segments}
 * @param deadLetterMaxLength approximate bound of {@code budai:events:dlq}
 * @param batchSize entries read per {@code XREADGROUP} and claimed per {@code XAUTOCLAIM}
 * @param maxInFlight handlers running at once per stream and consumer
 * @param pollTimeout how long one {@code XREADGROUP} blocks waiting for entries
 * @param claimIdleTime how long an entry stays pending (its consumer dead, or its handler failed)
 *     before another delivery is attempted with {@code XAUTOCLAIM}
 * @param claimInterval how often a consumer looks for such entries
 * @param maxDeliveries deliveries of a failing entry before it is dead-lettered
 * @param processedTtl how long the "processed" marker of an event is kept (idempotency window)
 * @param publishTimeout time limit of one publish
 * @param shutdownTimeout how long shutdown waits for running handlers
 * @param newGroupStart where a group that does not exist yet starts reading: {@code earliest}
 *     (everything still in the stream) or {@code latest} (only new entries)
 * @param consumerName consumer name within the group; default {@code {host}-{pid}-{n}}
 */
@ConfigurationProperties("budai.bus")
record BusProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("100000") long streamMaxLength,
    @DefaultValue("1000000") long segmentsMaxLength,
    @DefaultValue("100000") long deadLetterMaxLength,
    @DefaultValue("100") int batchSize,
    @DefaultValue("64") int maxInFlight,
    @DefaultValue("1s") Duration pollTimeout,
    @DefaultValue("30s") Duration claimIdleTime,
    @DefaultValue("5s") Duration claimInterval,
    @DefaultValue("5") int maxDeliveries,
    @DefaultValue("7d") Duration processedTtl,
    @DefaultValue("5s") Duration publishTimeout,
    @DefaultValue("15s") Duration shutdownTimeout,
    @DefaultValue("earliest") GroupStart newGroupStart,
    @Nullable String consumerName) {

  /** Where a new consumer group starts reading. */
  enum GroupStart {
    EARLIEST,
    LATEST
  }
}
