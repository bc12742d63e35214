package io.budai.platform.bus;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.segments.SegmentCodec;
import io.budai.platform.web.CorrelationIds;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The consumer loop of one stream for one consumer of the service's group.
 *
 * <ol>
 *   <li>Creates the group ({@code XGROUP CREATE … MKSTREAM}; BUSYGROUP means it exists).
 *   <li>Every {@code claim-interval}, takes over entries pending longer than {@code
 *       claim-idle-time} ({@code XAUTOCLAIM}): those of dead consumers and those whose handler
 *       failed. Their delivery counts come from {@code XPENDING}.
 *   <li>Reads batches of new entries ({@code XREADGROUP … BLOCK … >}).
 *   <li>Acknowledges at once what the service does not handle (another type, a replay meant for
 *       another group, an unknown type), dead-letters what cannot be decoded.
 *   <li>On the events stream, takes a lease on each event's processed marker in one script per
 *       batch: an event the group already processed is acknowledged as a duplicate, one another
 *       consumer is handling stays pending.
 *   <li>Runs the handlers on virtual threads, at most {@code max-in-flight} at once and in order
 *       per ordering key, then marks and acknowledges in batches ({@link Acker}).
 *   <li>A failed handler leaves its entry pending (redelivered after {@code claim-idle-time});
 *       after {@code max-deliveries} deliveries the entry moves to the dead-letter stream.
 * </ol>
 *
 * <p>While a handler runs longer than a third of the claim idle time, its entry's idle time and
 * lease are refreshed ({@code XCLAIM … JUSTID}), so a slow but live consumer is never robbed.
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

  /** An entry being delivered, with what the loop learnt about it. */
  private static final class Delivery {
    final StreamMessage<String, String> entry;
    final long deliveries;
    final @Nullable String type;
    @Nullable String eventId;
    @Nullable String key;
    @Nullable String marker;
    @Nullable EventEnvelope<?> decoded;
    final long readNanos = System.nanoTime();
    volatile boolean completed;

    Delivery(StreamMessage<String, String> entry, long deliveries) {
      this.entry = entry;
      this.deliveries = deliveries;
      Map<String, String> body = entry.getBody();
      this.type = body.get(BudaiStreams.FIELD_TYPE);
      this.eventId = body.get(BudaiStreams.FIELD_ID);
      this.key = body.get(BudaiStreams.FIELD_KEY);
    }

    String id() {
      return entry.getId();
    }
  }

  private final String stream;
  private final String group;
  private final String consumerName;
  private final String leaseValue;
  private final BusRedis redis;
  private final HandlerRegistry registry;
  private final BusMetrics metrics;
  private final BusProperties properties;
  private final DeadLetters deadLetters;
  private final EventCodec codec = new EventCodec();
  private final SegmentCodec segmentCodec = new SegmentCodec();
  private final boolean events;
  private final ExecutorService workers;
  private final KeyedDispatcher dispatcher;
  private final Acker acker;

  /** Entries this consumer accepted and has not acknowledged or given back yet. */
  private final Map<String, Delivery> held = new ConcurrentHashMap<>();

  private final Set<String> heldEvents = ConcurrentHashMap.newKeySet();
  private final GroupStats stats;
  private final BusMetrics.Handled handledMeters;

  private volatile State state = State.STARTING;
  private volatile boolean running;
  private volatile boolean upkeepRunning = true;
  private volatile @Nullable String lastError;
  private volatile Instant lastPoll = Instant.EPOCH;
  private @Nullable Thread loop;
  private @Nullable Thread maintenance;
  private @Nullable Thread feeder;
  private final ArrayBlockingQueue<Batch> batches = new ArrayBlockingQueue<>(2);
  private @Nullable StatefulRedisConnection<String, String> reader;
  private long nextClaimNanos;
  private volatile long stopDeadlineNanos;

  StreamConsumer(
      String stream,
      String group,
      String consumerName,
      BusRedis redis,
      HandlerRegistry registry,
      BusMetrics metrics,
      BusProperties properties,
      DeadLetters deadLetters) {
    this.stream = stream;
    this.group = group;
    this.consumerName = consumerName;
    this.leaseValue = "p:" + consumerName;
    this.redis = redis;
    this.registry = registry;
    this.metrics = metrics;
    this.properties = properties;
    this.deadLetters = deadLetters;
    this.events = BudaiStreams.EVENTS.equals(stream);
    this.workers =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("bus-" + shortName(stream) + "-", 0).factory());
    this.dispatcher = new KeyedDispatcher(workers, properties.maxInFlight());
    this.acker = new Acker(stream, group, redis, properties, this::acknowledged);
    this.stats = new GroupStats(stream, group, metrics);
    this.handledMeters = metrics.handledMeters(stream, group);
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    // Connect and create the group before the context reports itself started, so a service is
    // ready (eventBus UP) as soon as it is up; when Redis is not there the loop keeps trying.
    try {
      reader();
      markPolled();
    } catch (RuntimeException e) {
      onLoopError(e);
    }
    acker.start();
    loop =
        Thread.ofPlatform().name("bus-loop-" + shortName(stream)).daemon(true).start(this::runLoop);
    feeder =
        Thread.ofPlatform().name("bus-feed-" + shortName(stream)).daemon(true).start(this::feed);
    // A platform thread: the heartbeat must not queue behind busy handlers on the carrier threads.
    maintenance =
        Thread.ofPlatform()
            .name("bus-upkeep-" + shortName(stream))
            .daemon(true)
            .start(this::upkeep);
  }

  /**
   * Stops reading, waits for running handlers (at most {@code shutdown-timeout}), acknowledges what
   * they finished, and releases the leases of what did not finish so another consumer can take it
   * over at once.
   */
  void stop() {
    long timeout = properties.shutdownTimeout().toNanos();
    stopDeadlineNanos = System.nanoTime() + timeout;
    running = false;
    state = State.STOPPING;
    join(loop, properties.pollTimeout().plus(properties.shutdownTimeout()).toMillis() + 1_000);
    join(feeder, Math.max(0, (stopDeadlineNanos - System.nanoTime()) / 1_000_000) + 1_000);
    List<Batch> notHandedOut = new ArrayList<>();
    batches.drainTo(notHandedOut);
    notHandedOut.forEach(this::giveBack);
    boolean idle;
    try {
      idle = dispatcher.awaitIdle(Math.max(0, (stopDeadlineNanos - System.nanoTime()) / 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      idle = false;
    }
    if (!idle) {
      log.warn(
          "{} handler(s) of {} still running after {}; their entries stay pending and another"
              + " consumer takes them over",
          dispatcher.inFlight(),
          stream,
          properties.shutdownTimeout());
      workers.shutdownNow();
      List<Delivery> unfinished = held.values().stream().filter(d -> !d.completed).toList();
      unhold(unfinished);
      releaseLeases(unfinished);
    }
    workers.shutdown();
    acker.stop();
    // The heartbeat ran until now, so nothing held was taken over while it was being finished.
    upkeepRunning = false;
    Thread upkeep = maintenance;
    if (upkeep != null) {
      upkeep.interrupt();
      join(upkeep, 1_000);
    }
    closeReader();
    stats.close();
    state = State.STOPPED;
  }

  private void runLoop() {
    Duration backoff = Duration.ofMillis(200);
    while (running) {
      try {
        StatefulRedisConnection<String, String> connection = reader();
        if (System.nanoTime() - nextClaimNanos >= 0) {
          claimStale(connection.sync());
          nextClaimNanos = System.nanoTime() + properties.claimInterval().toNanos();
        }
        List<StreamMessage<String, String>> batch =
            connection
                .sync()
                .xreadgroup(
                    Consumer.from(group, consumerName),
                    XReadArgs.Builder.block(properties.pollTimeout()).count(properties.batchSize()),
                    XReadArgs.StreamOffset.lastConsumed(stream));
        markPolled();
        backoff = Duration.ofMillis(200);
        if (batch != null && !batch.isEmpty()) {
          deliver(batch, id -> 1);
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
        backoff = backoff.multipliedBy(2);
        if (backoff.compareTo(Duration.ofSeconds(2)) > 0) {
          backoff = Duration.ofSeconds(2);
        }
      }
    }
  }

  /** XAUTOCLAIM everything idle for longer than the claim idle time, in pages. */
  private void claimStale(RedisCommands<String, String> commands) throws InterruptedException {
    String cursor = "0-0";
    int claimedTotal = 0;
    do {
      ClaimedMessages<String, String> claimed =
          commands.xautoclaim(
              stream,
              new XAutoClaimArgs<String>()
                  .consumer(Consumer.from(group, consumerName))
                  .minIdleTime(properties.claimIdleTime())
                  .startId(cursor)
                  .count(properties.batchSize()));
      cursor = claimed.getId();
      List<StreamMessage<String, String>> messages = new ArrayList<>();
      List<String> vanished = new ArrayList<>();
      for (StreamMessage<String, String> message : claimed.getMessages()) {
        if (message.getBody() == null || message.getBody().isEmpty()) {
          vanished.add(message.getId()); // trimmed away while pending (Redis 6.2 returns nil)
        } else if (!held.containsKey(message.getId())) {
          messages.add(message);
        }
      }
      if (!vanished.isEmpty()) {
        commands.xack(stream, group, vanished.toArray(String[]::new));
      }
      if (messages.isEmpty()) {
        continue;
      }
      Map<String, Long> counts = new HashMap<>();
      for (PendingMessage pending :
          commands.xpending(
              stream,
              Consumer.from(group, consumerName),
              Range.create(messages.getFirst().getId(), messages.getLast().getId()),
              Limit.from(messages.size() * 2L + 10))) {
        counts.put(pending.getId(), pending.getRedeliveryCount());
      }
      metrics.redelivered(stream, group, messages.size());
      claimedTotal += messages.size();
      deliver(messages, id -> counts.getOrDefault(id, 2L));
    } while (running && !"0-0".equals(cursor) && claimedTotal < properties.batchSize() * 10);
  }

  private void deliver(
      List<StreamMessage<String, String>> entries, ToLongFunction<String> deliveriesOf)
      throws InterruptedException {
    List<Delivery> candidates = new ArrayList<>(entries.size());
    List<String> ackNow = new ArrayList<>();
    for (StreamMessage<String, String> entry : entries) {
      Delivery delivery = new Delivery(entry, deliveriesOf.applyAsLong(entry.getId()));
      String onlyGroup = entry.getBody().get(BudaiStreams.FIELD_ONLY_GROUP);
      if (onlyGroup != null && !onlyGroup.equals(group)) {
        metrics.ignored(stream, group, "other_group");
        ackNow.add(entry.getId());
      } else if (delivery.type != null && registry.handlers(stream, delivery.type).isEmpty()) {
        metrics.ignored(stream, group, "not_handled");
        ackNow.add(entry.getId());
      } else if (delivery.deliveries > properties.maxDeliveries()) {
        deadLetter(
            delivery,
            "Gave up after "
                + delivery.deliveries
                + " deliveries that never completed (consumers crashed or stalled)");
      } else if (!events || prepareEvent(delivery, ackNow)) {
        candidates.add(delivery);
      }
    }
    if (!ackNow.isEmpty()) {
      ackNow.forEach(id -> acker.complete(id, null));
    }
    if (candidates.isEmpty()) {
      return;
    }
    // The leases are taken while the loop reads on: the feeder hands the batch out once they are.
    Batch batch = events ? startAcquire(candidates) : new Batch(candidates, null);
    while (!batches.offer(batch, 50, TimeUnit.MILLISECONDS)) {
      if (!keepDispatching()) {
        giveBack(batch);
        return;
      }
    }
  }

  /** A batch read by the loop, with its leases being taken, waiting for the feeder. */
  private record Batch(List<Delivery> deliveries, @Nullable CompletableFuture<List<Long>> leases) {}

  /** The feeder: hands batches to the handlers in the order they were read. */
  private void feed() {
    while (true) {
      Batch batch;
      try {
        batch = batches.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (batch == null) {
        Thread reading = loop;
        if (!running && (reading == null || !reading.isAlive())) {
          return;
        }
        continue;
      }
      try {
        handOut(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("Event bus could not hand out a batch of {}: {}", stream, e.toString());
      }
    }
  }

  private void handOut(Batch batch) throws InterruptedException {
    List<Delivery> accepted = accepted(batch);
    // Held from now until acknowledged: the upkeep keeps their idle time and leases fresh even
    // while they wait for a free handler slot, so no other consumer takes them over meanwhile.
    accepted.forEach(d -> held.put(d.id(), d));
    for (int i = 0; i < accepted.size(); i++) {
      Delivery delivery = accepted.get(i);
      if (!dispatcher.submit(delivery.key, () -> process(delivery), this::keepDispatching)) {
        // Shutting down and out of time: what was read but not started stays pending for another
        // consumer, which can take it over as soon as it is idle, since the leases are released.
        List<Delivery> undispatched = List.copyOf(accepted.subList(i, accepted.size()));
        unhold(undispatched);
        releaseLeases(undispatched);
        return;
      }
    }
  }

  /** A batch that will not be handled here after all: its entries stay pending for a claim. */
  private void giveBack(Batch batch) {
    if (batch.leases() == null) {
      return;
    }
    batch
        .leases()
        .whenComplete(
            (statuses, error) -> {
              unhold(batch.deliveries());
              releaseLeases(batch.deliveries());
            });
  }

  /** Gives entries back: acknowledged, dead-lettered, failed (pending for a retry) or undone. */
  private void unhold(List<Delivery> deliveries) {
    for (Delivery delivery : deliveries) {
      held.remove(delivery.id());
      if (delivery.eventId != null) {
        heldEvents.remove(delivery.eventId);
      }
    }
  }

  /** Called by the acker once entries are marked and acknowledged (or could not be). */
  private void acknowledged(List<String> entryIds) {
    for (String id : entryIds) {
      Delivery delivery = held.remove(id);
      if (delivery != null && delivery.eventId != null) {
        heldEvents.remove(delivery.eventId);
      }
    }
  }

  /** While running, and during shutdown until its deadline, the loop keeps handing out work. */
  private boolean keepDispatching() {
    return running || System.nanoTime() - stopDeadlineNanos < 0;
  }

  /**
   * Makes sure an events-stream entry has an event id (decoding the JSON when the producer did not
   * put the {@code id} field), handling at once what is not worth a handler.
   *
   * @return whether the entry goes on to the handlers
   */
  private boolean prepareEvent(Delivery delivery, List<String> ackNow) {
    if (delivery.eventId != null && delivery.type != null) {
      delivery.marker = DeadLetters.marker(group, delivery.eventId);
      return true;
    }
    switch (codec.decode(delivery.type, delivery.entry.getBody().get(BudaiStreams.FIELD_EVENT))) {
      case EventCodec.Event event -> {
        if (registry.handlers(stream, event.envelope().type()).isEmpty()) {
          metrics.ignored(stream, group, "not_handled");
          ackNow.add(delivery.id());
          return false;
        }
        delivery.decoded = event.envelope();
        delivery.eventId = event.envelope().id();
        delivery.key = delivery.key != null ? delivery.key : event.envelope().orderingKey();
        delivery.marker = DeadLetters.marker(group, delivery.eventId);
        return true;
      }
      case EventCodec.UnknownType unknown -> {
        metrics.ignored(stream, group, "unknown_type");
        ackNow.add(delivery.id());
        return false;
      }
      case EventCodec.Malformed malformed -> {
        deadLetter(delivery, "Malformed entry: " + malformed.error());
        return false;
      }
    }
  }

  /**
   * Sends the script that takes the processed-marker leases of a batch. Events of the batch are
   * reserved here at once, so a duplicate read in the next batch (a producer's retried XADD) is
   * held back even before the answer arrives.
   */
  private Batch startAcquire(List<Delivery> candidates) {
    List<Delivery> toAcquire = new ArrayList<>(candidates.size());
    for (Delivery delivery : candidates) {
      // A second entry of an event already here (a duplicate publish) waits: it stays pending and
      // is acknowledged as a duplicate when claimed after the first one completed.
      if (heldEvents.add(delivery.eventId)) {
        toAcquire.add(delivery);
      }
    }
    if (toAcquire.isEmpty()) {
      return new Batch(toAcquire, CompletableFuture.completedFuture(List.of()));
    }
    String[] keys = toAcquire.stream().map(d -> d.marker).toArray(String[]::new);
    try {
      return new Batch(
          toAcquire,
          BusScripts.ACQUIRE.<List<Long>>run(
              redis.shared().async(),
              ScriptOutputType.MULTI,
              keys,
              leaseValue,
              Long.toString(leaseMillis())));
    } catch (RuntimeException e) {
      toAcquire.forEach(d -> heldEvents.remove(d.eventId));
      throw e;
    }
  }

  /** What of a batch is this consumer's to handle, once its leases are known. */
  private List<Delivery> accepted(Batch batch) {
    if (batch.leases() == null) {
      return batch.deliveries();
    }
    List<Long> statuses;
    try {
      statuses =
          BusRedis.await(
              batch.leases(), properties.publishTimeout().toMillis(), "Taking event leases");
    } catch (RuntimeException e) {
      // Nothing handled: the entries stay pending and are claimed again after the idle time.
      batch.deliveries().forEach(d -> heldEvents.remove(d.eventId));
      throw e;
    }
    List<Delivery> accepted = new ArrayList<>(batch.deliveries().size());
    for (int i = 0; i < batch.deliveries().size(); i++) {
      Delivery delivery = batch.deliveries().get(i);
      long status = statuses.get(i);
      if (status == 1) {
        accepted.add(delivery);
        continue;
      }
      heldEvents.remove(delivery.eventId);
      if (status == 0) {
        metrics.duplicate(stream, group);
        acker.complete(delivery.id(), null);
      }
      // 2: another consumer holds the lease; the entry stays pending for a later claim.
    }
    return accepted;
  }

  private void process(Delivery delivery) {
    long started = System.nanoTime();
    String type = String.valueOf(delivery.type);
    try {
      boolean handled = events ? handleEvent(delivery) : handleSegment(delivery);
      delivery.completed = true;
      // Still held until the acker confirms, so its lease stays fresh until it is marked done.
      acker.complete(delivery.id(), delivery.marker);
      if (handled) {
        handledMeters.record(type, System.nanoTime() - started);
      }
    } catch (MalformedEntryException e) {
      unhold(List.of(delivery));
      deadLetter(delivery, e.getMessage());
    } catch (Throwable e) {
      unhold(List.of(delivery));
      onHandlerFailure(delivery, type, e);
      if (e instanceof Error error && !(e instanceof AssertionError)) {
        throw error;
      }
    }
  }

  private void onHandlerFailure(Delivery delivery, String type, Throwable error) {
    metrics.failed(stream, group, type);
    if (!running) {
      // Shutting down (the handler may have been interrupted): not the event's fault.
      releaseLeases(List.of(delivery));
      return;
    }
    String message = error.getClass().getName() + ": " + error.getMessage();
    if (delivery.deliveries >= properties.maxDeliveries()) {
      deadLetter(delivery, message);
    } else {
      log.warn(
          "Handler of {} entry {} ({}) failed on delivery {} of {}; retrying after {}: {}",
          stream,
          delivery.id(),
          type,
          delivery.deliveries,
          properties.maxDeliveries(),
          properties.claimIdleTime(),
          message);
      releaseLeases(List.of(delivery));
    }
  }

  private boolean handleEvent(Delivery delivery) throws Exception {
    EventEnvelope<?> envelope = delivery.decoded;
    if (envelope == null) {
      switch (codec.decode(delivery.type, delivery.entry.getBody().get(BudaiStreams.FIELD_EVENT))) {
        case EventCodec.Event event -> envelope = event.envelope();
        case EventCodec.UnknownType unknown -> {
          metrics.ignored(stream, group, "unknown_type");
          return false;
        }
        case EventCodec.Malformed malformed ->
            throw new MalformedEntryException("Malformed entry: " + malformed.error());
      }
    }
    if (delivery.eventId != null && !delivery.eventId.equals(envelope.id())) {
      throw new MalformedEntryException(
          "Malformed entry: its id field "
              + delivery.eventId
              + " differs from the envelope's "
              + envelope.id());
    }
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

  private boolean handleSegment(Delivery delivery) throws Exception {
    switch (segmentCodec.decode(
        delivery.type, delivery.entry.getBody().get(BudaiStreams.FIELD_EVENT))) {
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
          throw new MalformedEntryException("Malformed entry: " + malformed.error());
    }
  }

  private void deadLetter(Delivery delivery, String error) {
    try {
      boolean moved =
          deadLetters.deadLetter(
              stream,
              group,
              consumerName,
              delivery.entry,
              delivery.marker,
              leaseValue,
              error,
              delivery.deliveries);
      if (moved) {
        metrics.deadLettered(stream, group, String.valueOf(delivery.type));
        log.warn(
            "Dead-lettered {} entry {} ({}) of group {} after {} deliveries: {}",
            stream,
            delivery.id(),
            delivery.type,
            group,
            delivery.deliveries,
            error);
      }
    } catch (RuntimeException e) {
      // It stays pending and is dead-lettered on its next delivery.
      log.warn("Could not dead-letter {} entry {}: {}", stream, delivery.id(), e.getMessage());
    }
  }

  private void releaseLeases(List<Delivery> deliveries) {
    String[] markers =
        deliveries.stream().map(d -> d.marker).filter(m -> m != null).toArray(String[]::new);
    if (markers.length == 0) {
      return;
    }
    try {
      BusRedis.await(
          BusScripts.RELEASE.run(
              redis.shared().async(), ScriptOutputType.INTEGER, markers, leaseValue),
          properties.publishTimeout().toMillis(),
          "Releasing leases");
    } catch (RuntimeException e) {
      // The leases expire by themselves after the claim idle time.
      log.debug("Could not release {} lease(s): {}", markers.length, e.getMessage());
    }
  }

  /**
   * Background upkeep: refreshes the idle time and leases of long-running handlers, and samples the
   * group's pending count and lag for the gauges.
   */
  private void upkeep() {
    long heartbeatNanos = Math.max(properties.claimIdleTime().toNanos() / 4, 50_000_000L);
    long statsEvery = Math.max(properties.claimInterval().toNanos(), 1_000_000_000L);
    long nextStats = System.nanoTime();
    while (upkeepRunning) {
      try {
        Thread.sleep(Duration.ofNanos(Math.min(heartbeatNanos, statsEvery)));
        heartbeat(heartbeatNanos);
        if (System.nanoTime() - nextStats >= 0) {
          stats.refresh(redis.shared().sync());
          nextStats = System.nanoTime() + statsEvery;
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.debug("Event bus upkeep of {} failed: {}", stream, e.getMessage());
      }
    }
  }

  private void heartbeat(long olderThanNanos) {
    long now = System.nanoTime();
    List<Delivery> slow =
        held.values().stream().filter(d -> now - d.readNanos >= olderThanNanos).toList();
    if (slow.isEmpty()) {
      return;
    }
    String[] ids = slow.stream().map(Delivery::id).toArray(String[]::new);
    redis
        .shared()
        .sync()
        .xclaim(stream, Consumer.from(group, consumerName), XClaimArgs.Builder.justid(), ids);
    String[] markers =
        slow.stream().map(d -> d.marker).filter(m -> m != null).toArray(String[]::new);
    if (markers.length > 0) {
      BusRedis.await(
          BusScripts.REFRESH.run(
              redis.shared().async(),
              ScriptOutputType.INTEGER,
              markers,
              leaseValue,
              Long.toString(leaseMillis())),
          properties.publishTimeout().toMillis(),
          "Refreshing leases");
    }
  }

  /**
   * Half again the claim idle time: an entry another consumer claims while its holder is merely
   * slow (a long GC pause, a starved heartbeat) still finds the lease taken and leaves it alone.
   */
  private long leaseMillis() {
    return Math.max(properties.claimIdleTime().toMillis() * 3 / 2, 1_000);
  }

  private void markPolled() {
    lastPoll = Instant.now();
    state = State.RUNNING;
    lastError = null;
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
      try {
        createGroup(connection);
      } catch (RuntimeException e) {
        connection.close();
        throw e;
      }
      reader = connection;
      nextClaimNanos = System.nanoTime();
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

  private void closeReader() {
    StatefulRedisConnection<String, String> connection = reader;
    reader = null;
    if (connection != null && connection.isOpen()) {
      connection.close();
    }
  }

  private static void join(@Nullable Thread thread, long millis) {
    if (thread != null) {
      try {
        thread.join(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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

  GroupStats stats() {
    return stats;
  }

  private static String shortName(String stream) {
    return stream.substring(stream.lastIndexOf(':') + 1);
  }

  /** An entry that can never be handled: dead-lettered on the spot, without retries. */
  static final class MalformedEntryException extends Exception {
    MalformedEntryException(String message) {
      super(message);
    }
  }
}
