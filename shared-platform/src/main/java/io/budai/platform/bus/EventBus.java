package io.budai.platform.bus;

import io.budai.contracts.BudaiStreams;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts a consumer loop for each stream that has handlers (none: no group is created) once the
 * context is up, and stops them first on shutdown: stop reading, finish what runs, acknowledge it.
 */
final class EventBus implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(EventBus.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  /**
   * Stops before the web server drains its requests (they may still publish) and before the Redis
   * connection factory closes the client.
   */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

  private final BusRedis redis;
  private final HandlerRegistry registry;
  private final BusMetrics metrics;
  private final BusProperties properties;
  private final DeadLetters deadLetters;
  private final String group;
  private final String consumerName;
  private final List<StreamConsumer> consumers = new ArrayList<>();
  private volatile boolean running;

  EventBus(
      BusRedis redis,
      HandlerRegistry registry,
      BusMetrics metrics,
      BusProperties properties,
      DeadLetters deadLetters,
      String group) {
    this.redis = redis;
    this.deadLetters = deadLetters;
    this.registry = registry;
    this.metrics = metrics;
    this.properties = properties;
    this.group = group;
    this.consumerName =
        properties.consumerName() != null && !properties.consumerName().isBlank()
            ? properties.consumerName()
            : defaultConsumerName();
  }

  static String defaultConsumerName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = System.getenv().getOrDefault("HOSTNAME", "localhost");
    }
    return host + "-" + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet();
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    for (String stream : List.of(BudaiStreams.EVENTS, BudaiStreams.SEGMENTS)) {
      if (registry.hasHandlers(stream)) {
        StreamConsumer consumer =
            new StreamConsumer(
                stream, group, consumerName, redis, registry, metrics, properties, deadLetters);
        consumers.add(consumer);
        consumer.start();
      }
    }
    if (consumers.isEmpty()) {
      log.debug("No @EventHandler methods: {} consumes no stream", group);
    }
    running = true;
  }

  @Override
  public synchronized void stop() {
    consumers.parallelStream().forEach(StreamConsumer::stop);
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  String group() {
    return group;
  }

  String consumerName() {
    return consumerName;
  }

  List<StreamConsumer> consumers() {
    return List.copyOf(consumers);
  }
}
