package io.budai.platform.bus;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.segments.SegmentCodec;
import io.budai.platform.web.CorrelationIds;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The consumer loop of one stream for one consumer of the service's group: it creates the group
 * ({@code XGROUP CREATE … MKSTREAM}), reads batches ({@code XREADGROUP … >}), hands entries to
 * their handlers (bounded, in order per key), and acknowledges ({@code XACK}) what was handled.
 */
final class StreamConsumer {

  private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

  /** What the health indicator reports. */
  enum State {
    STARTING,
    RUNNING,
    RECONNECTING,
    STOPPING,
    STOPPED
  }

  private final String stream;
  private final String group;
  private final String consumerName;
  private final BusRedis redis;
  private final HandlerRegistry registry;
  private final BusMetrics metrics;
  private final BusProperties properties;
  private final EventCodec codec = new EventCodec();
  private final SegmentCodec segmentCodec = new SegmentCodec();
  private final boolean events;
  private final ExecutorService workers;
  private final KeyedDispatcher dispatcher;

  private volatile State state = State.STARTING;
  private volatile boolean running;
  private volatile @Nullable String lastError;
  private volatile Instant lastPoll = Instant.EPOCH;
  private @Nullable Thread loop;
  private @Nullable StatefulRedisConnection<String, String> reader;

  StreamConsumer(
      String stream,
      String group,
      String consumerName,
      BusRedis redis,
      HandlerRegistry registry,
      BusMetrics metrics,
      BusProperties properties) {
    this.stream = stream;
    this.group = group;
    this.consumerName = consumerName;
    this.redis = redis;
    this.registry = registry;
    this.metrics = metrics;
    this.properties = properties;
    this.events = BudaiStreams.EVENTS.equals(stream);
    this.workers =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("bus-" + shortName(stream) + "-", 0).factory());
    this.dispatcher = new KeyedDispatcher(workers, properties.maxInFlight());
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    loop =
        Thread.ofPlatform().name("bus-loop-" + shortName(stream)).daemon(true).start(this::runLoop);
  }

  /** Stops reading, waits for running handlers (at most the shutdown timeout), then closes. */
  void stop() {
    running = false;
    state = State.STOPPING;
    Thread thread = loop;
    if (thread != null) {
      try {
        thread.join(properties.pollTimeout().toMillis() + 5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      if (!dispatcher.awaitIdle(properties.shutdownTimeout().toMillis())) {
        log.warn(
            "{} handler(s) of {} still running after {}; their entries stay pending and another"
                + " consumer will claim them",
            dispatcher.inFlight(),
            stream,
            properties.shutdownTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    closeReader();
    state = State.STOPPED;
  }

  private void runLoop() {
    Duration backoff = Duration.ofMillis(200);
    while (running) {
      try {
        StatefulRedisConnection<String, String> connection = reader();
        List<StreamMessage<String, String>> batch =
            connection
                .sync()
                .xreadgroup(
                    Consumer.from(group, consumerName),
                    XReadArgs.Builder.block(properties.pollTimeout()).count(properties.batchSize()),
                    XReadArgs.StreamOffset.lastConsumed(stream));
        lastPoll = Instant.now();
        state = State.RUNNING;
        lastError = null;
        backoff = Duration.ofMillis(200);
        if (batch != null) {
          for (StreamMessage<String, String> entry : batch) {
            dispatch(entry);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        onLoopError(e);
        closeReader();
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
                ? Duration.ofSeconds(10)
                : backoff.multipliedBy(2);
      }
    }
  }

  private void onLoopError(RuntimeException e) {
    String message = BusRedis.rootMessage(e);
    if (state != State.RECONNECTING || !message.equals(lastError)) {
      log.warn("Event bus consumer of {} (group {}) cannot read: {}", stream, group, message);
    }
    lastError = message;
    state = State.RECONNECTING;
  }

  private StatefulRedisConnection<String, String> reader() {
    StatefulRedisConnection<String, String> connection = reader;
    if (connection == null || !connection.isOpen()) {
      connection = redis.dedicated();
      createGroup(connection);
      reader = connection;
      log.info("Event bus consumer {} of group {} reads {}", consumerName, group, stream);
    }
    return connection;
  }

  private void createGroup(StatefulRedisConnection<String, String> connection) {
    String offset = properties.newGroupStart() == BusProperties.GroupStart.LATEST ? "$" : "0";
    try {
      connection
          .sync()
          .xgroupCreate(
              XReadArgs.StreamOffset.from(stream, offset),
              group,
              XGroupCreateArgs.Builder.mkstream(true));
    } catch (RedisBusyException exists) {
      // BUSYGROUP: another replica (or an earlier run) created it.
    }
  }

  private void dispatch(StreamMessage<String, String> entry) throws InterruptedException {
    Map<String, String> body = entry.getBody();
    String type = body.get(BudaiStreams.FIELD_TYPE);
    String onlyGroup = body.get(BudaiStreams.FIELD_ONLY_GROUP);
    if (onlyGroup != null && !onlyGroup.equals(group)) {
      metrics.ignored(stream, group, "other_group");
      ack(entry.getId());
      return;
    }
    if (type != null && registry.handlers(stream, type).isEmpty()) {
      metrics.ignored(stream, group, "not_handled");
      ack(entry.getId());
      return;
    }
    dispatcher.submit(body.get(BudaiStreams.FIELD_KEY), () -> process(entry));
  }

  private void process(StreamMessage<String, String> entry) {
    Map<String, String> body = entry.getBody();
    String type = body.get(BudaiStreams.FIELD_TYPE);
    long started = System.nanoTime();
    try {
      boolean handled = events ? handleEvent(type, body) : handleSegment(type, body);
      ack(entry.getId());
      if (handled) {
        metrics.handled(stream, group, type, Duration.ofNanos(System.nanoTime() - started));
      }
    } catch (Exception e) {
      metrics.failed(stream, group, String.valueOf(type));
      log.warn(
          "Handler of {} entry {} ({}) failed; it will be delivered again: {}",
          stream,
          entry.getId(),
          type,
          e.toString());
    }
  }

  private boolean handleEvent(@Nullable String type, Map<String, String> body) throws Exception {
    switch (codec.decode(type, body.get(BudaiStreams.FIELD_EVENT))) {
      case EventCodec.Event event -> {
        EventEnvelope<?> envelope = event.envelope();
        EventEnvelope<?> previous = HandlingContext.current();
        String previousCorrelation = MDC.get(CorrelationIds.MDC_KEY);
        HandlingContext.set(envelope);
        MDC.put(CorrelationIds.MDC_KEY, envelope.correlationId());
        try {
          for (HandlerMethod handler : registry.handlers(stream, envelope.type())) {
            handler.invokeEvent(envelope);
          }
        } finally {
          HandlingContext.set(previous);
          if (previousCorrelation == null) {
            MDC.remove(CorrelationIds.MDC_KEY);
          } else {
            MDC.put(CorrelationIds.MDC_KEY, previousCorrelation);
          }
        }
        return true;
      }
      case EventCodec.UnknownType unknown -> {
        metrics.ignored(stream, group, "unknown_type");
        return false;
      }
      case EventCodec.Malformed malformed ->
          throw new IllegalArgumentException("Malformed entry: " + malformed.error());
    }
  }

  private boolean handleSegment(@Nullable String type, Map<String, String> body) throws Exception {
    switch (segmentCodec.decode(type, body.get(BudaiStreams.FIELD_EVENT))) {
      case SegmentCodec.Message message -> {
        for (HandlerMethod handler : registry.handlers(stream, message.message().type())) {
          handler.invokeSegment(message.message());
        }
        return true;
      }
      case SegmentCodec.UnknownType unknown -> {
        metrics.ignored(stream, group, "unknown_type");
        return false;
      }
      case SegmentCodec.Malformed malformed ->
          throw new IllegalArgumentException("Malformed entry: " + malformed.error());
    }
  }

  private void ack(String id) {
    redis.shared().async().xack(stream, group, id);
  }

  private void closeReader() {
    StatefulRedisConnection<String, String> connection = reader;
    reader = null;
    if (connection != null) {
      connection.closeAsync();
    }
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String stream() {
    return stream;
  }

  State state() {
    return state;
  }

  @Nullable String lastError() {
    return lastError;
  }

  Instant lastPoll() {
    return lastPoll;
  }

  int inFlight() {
    return dispatcher.inFlight();
  }

  private static String shortName(String stream) {
    return stream.substring(stream.lastIndexOf(':') + 1);
  }
}
