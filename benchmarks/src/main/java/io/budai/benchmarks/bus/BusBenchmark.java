package io.budai.benchmarks.bus;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.platform.bus.EventHandler;
import io.budai.platform.bus.EventPublisher;
import io.budai.test.TestInfrastructure;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The event bus against raw Redis, in one run against one private Redis:
 *
 * <ol>
 *   <li>publish throughput — raw pipelined Lettuce {@code XADD} vs the bus's publisher (JMH);
 *   <li>consume+ack throughput — draining the same number of entries with raw {@code
 *       XREADGROUP}+{@code XACK} vs the bus's consumer with a no-op handler;
 *   <li>publish-to-handler latency at a fixed 1,000 events/s — a raw {@code XADD} → {@code
 *       XREADGROUP BLOCK} pair vs the bus.
 * </ol>
 *
 * Prints a table and writes {@code results/bus.md}.
 */
public final class BusBenchmark {

  static final String REDIS_URL_PROPERTY = "budai.bench.redis-url";

  private static final int DRAIN_ENTRIES = 100_000;
  private static final int DRAIN_WARMUPS = 3;
  private static final int DRAIN_ROUNDS = 5;
  private static final int RATE = 1_000;
  private static final Duration LATENCY_WARMUP = Duration.ofSeconds(3);
  private static final Duration LATENCY_MEASURE = Duration.ofSeconds(10);

  private final String url;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;

  private BusBenchmark(String url) {
    this.url = url;
    this.client = RedisClient.create(url);
    this.connection = client.connect();
    this.redis = connection.sync();
  }

  /**
   * Drains only, {@code rounds} times each: a target for a profiler ({@code Benchmarks bus-drain}).
   */
  public static void drainsOnly(int rounds) throws Exception {
    BusBenchmark bench = new BusBenchmark(TestInfrastructure.redisUrl());
    for (int i = 0; i < rounds; i++) {
      log(String.format(Locale.ROOT, "raw drain: %,.0f entries/s", bench.rawDrain(i)));
      log(String.format(Locale.ROOT, "bus drain: %,.0f entries/s", bench.busDrain(i)));
      log(
          String.format(
              Locale.ROOT,
              "CPU µs/entry raw: JVM %.2f Redis %.2f; bus: JVM %.2f Redis %.2f",
              bench.rawCpu.getLast()[0],
              bench.rawCpu.getLast()[1],
              bench.busCpu.getLast()[0],
              bench.busCpu.getLast()[1]));
    }
    System.exit(0);
  }

  public static void main(String[] args) throws Exception {
    String url = TestInfrastructure.redisUrl();
    BusBenchmark bench = new BusBenchmark(url);
    Instant started = Instant.now();
    String redisVersion = bench.redisVersion();
    log("Redis " + redisVersion + " at " + url);

    Map<String, Double> publish = bench.publishThroughput();
    double[] consume = bench.drains();
    double rawConsume = consume[0];
    double busConsume = consume[1];
    double[] rawLatency = bench.rawLatency();
    double[] busLatency = bench.busLatency();

    String report =
        bench.report(
            started, redisVersion, publish, rawConsume, busConsume, rawLatency, busLatency);
    System.out.println();
    System.out.println(report);
    Path out = Path.of("results", "bus.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    log("Wrote " + out.toAbsolutePath());
    bench.connection.close();
    bench.client.shutdown();
    System.exit(0);
  }

  // ---- publish (JMH) ----

  private Map<String, Double> publishThroughput() throws Exception {
    Options options =
        new OptionsBuilder()
            .include(PublishBenchmarks.class.getName())
            .jvmArgsAppend("-D" + REDIS_URL_PROPERTY + "=" + url)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> scores = new ConcurrentHashMap<>();
    for (RunResult result : results) {
      String label = result.getParams().getBenchmark();
      scores.put(label.substring(label.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
    }
    redis.del(PublishBenchmarks.RAW_STREAM, BudaiStreams.EVENTS);
    return scores;
  }

  // ---- consume+ack (drain the same number of pre-filled entries) ----

  /**
   * Raw and bus drains in alternation, so that a load change on the machine hits both alike: after
   * {@link #DRAIN_WARMUPS} warm-up pairs, the medians of {@link #DRAIN_ROUNDS} measured pairs.
   */
  private double[] drains() throws Exception {
    for (int i = 0; i < DRAIN_WARMUPS; i++) {
      rawDrain(-1 - i);
      busDrain(-1 - i);
    }
    double[] raw = new double[DRAIN_ROUNDS];
    double[] bus = new double[DRAIN_ROUNDS];
    double[] ratio = new double[DRAIN_ROUNDS];
    for (int i = 0; i < DRAIN_ROUNDS; i++) {
      raw[i] = rawDrain(i);
      bus[i] = busDrain(i);
      ratio[i] = bus[i] / raw[i];
      log(
          String.format(
              Locale.ROOT,
              "drain pair %d: raw %,.0f entries/s, bus %,.0f entries/s (%.2f)",
              i + 1,
              raw[i],
              bus[i],
              ratio[i]));
    }
    drainRatio = median(ratio);
    return new double[] {median(raw), median(bus)};
  }

  private double drainRatio = Double.NaN;
  private final List<double[]> rawCpu = new ArrayList<>();
  private final List<double[]> busCpu = new ArrayList<>();

  /** CPU time of this JVM and of the Redis server (a child process of it), in nanoseconds. */
  record Cpu(long jvm, long redis) {
    static Cpu now() {
      long jvm =
          ((com.sun.management.OperatingSystemMXBean)
                  java.lang.management.ManagementFactory.getOperatingSystemMXBean())
              .getProcessCpuTime();
      long redis =
          ProcessHandle.current()
              .descendants()
              .filter(p -> p.info().command().orElse("").contains("redis"))
              .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
              .sum();
      return new Cpu(jvm, redis);
    }

    /** Microseconds of CPU per entry: {JVM, Redis}. */
    double[] until(Cpu later, int entries) {
      return new double[] {
        (later.jvm - jvm) / 1e3 / entries, (later.redis - redis) / 1e3 / entries
      };
    }
  }

  private static double[] medianCpu(List<double[]> samples) {
    double[] jvm = samples.stream().mapToDouble(c -> c[0]).toArray();
    double[] redis = samples.stream().mapToDouble(c -> c[1]).toArray();
    return new double[] {median(jvm), median(redis)};
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Pre-fills {@code stream} with bus entries, pipelined. */
  private void prefill(String stream) throws Exception {
    redis.del(stream);
    XAddArgs args = XAddArgs.Builder.maxlen(1_000_000).approximateTrimming(true);
    try (StatefulRedisConnection<String, String> pipe = client.connect()) {
      pipe.setAutoFlushCommands(false);
      List<RedisFuture<String>> replies = new ArrayList<>(1_000);
      for (int i = 0; i < DRAIN_ENTRIES; i++) {
        replies.add(pipe.async().xadd(stream, args, Entries.fields(Entries.envelope(i))));
        if (replies.size() == 1_000) {
          pipe.flushCommands();
          for (RedisFuture<String> reply : replies) {
            reply.get();
          }
          replies.clear();
        }
      }
      pipe.flushCommands();
      for (RedisFuture<String> reply : replies) {
        reply.get();
      }
    }
  }

  /** Baseline: XREADGROUP COUNT 100, XACK the batch (not awaited: pipelined with the next read). */
  private double rawDrain(int round) throws Exception {
    String stream = "bench:raw:drain";
    prefill(stream);
    redis.xgroupCreate(
        XReadArgs.StreamOffset.from(stream, "0"), "raw", XGroupCreateArgs.Builder.mkstream());
    try (StatefulRedisConnection<String, String> consumer = client.connect()) {
      long start = 0;
      Cpu cpu = null;
      int read = 0;
      List<RedisFuture<Long>> acks = new ArrayList<>();
      while (read < DRAIN_ENTRIES) {
        List<StreamMessage<String, String>> batch =
            consumer
                .sync()
                .xreadgroup(
                    Consumer.from("raw", "c1"),
                    XReadArgs.Builder.count(100),
                    XReadArgs.StreamOffset.lastConsumed(stream));
        if (start == 0) {
          start = System.nanoTime();
          cpu = Cpu.now();
        }
        String[] ids = batch.stream().map(StreamMessage::getId).toArray(String[]::new);
        acks.add(consumer.async().xack(stream, "raw", ids));
        read += ids.length;
      }
      for (RedisFuture<Long> ack : acks) {
        ack.get();
      }
      long end = System.nanoTime();
      rawCpu.add(cpu.until(Cpu.now(), DRAIN_ENTRIES));
      return DRAIN_ENTRIES / seconds(end - start);
    } finally {
      redis.del(stream);
    }
  }

  /** Counts what it is given; nothing else (a no-op handler). */
  public static final class CountingHandler {
    final AtomicInteger count = new AtomicInteger();
    final AtomicLong first = new AtomicLong();

    @EventHandler
    public void on(MeetingCompleted event) {
      if (count.getAndIncrement() == 0) {
        first.set(System.nanoTime());
      }
    }
  }

  /** The bus: a service with a no-op handler starts on the pre-filled stream and drains it. */
  private double busDrain(int round) throws Exception {
    prefill(BudaiStreams.EVENTS);
    CountingHandler handler = new CountingHandler();
    String group = "bench-drain-" + (round + 2);
    try (ConfigurableApplicationContext app =
        BenchApps.start(
            url,
            group,
            ctx -> ctx.registerBean(CountingHandler.class, () -> handler),
            "budai.bus.new-group-start=earliest")) {
      while (handler.count.get() == 0) {
        LockSupport.parkNanos(100_000);
      }
      Cpu cpu = Cpu.now();
      while (handler.count.get() < DRAIN_ENTRIES || pending(group) > 0) {
        LockSupport.parkNanos(200_000);
      }
      long end = System.nanoTime();
      busCpu.add(cpu.until(Cpu.now(), DRAIN_ENTRIES));
      return DRAIN_ENTRIES / seconds(end - handler.first.get());
    } finally {
      redis.del(BudaiStreams.EVENTS);
    }
  }

  private long pending(String group) {
    return redis.xpending(BudaiStreams.EVENTS, group).getCount();
  }

  // ---- publish-to-handler latency at a fixed rate ----

  /** Baseline: XADD with a timestamp, a consumer blocked in XREADGROUP, XACK. */
  private double[] rawLatency() throws Exception {
    String stream = "bench:raw:latency";
    redis.del(stream);
    redis.xgroupCreate(
        XReadArgs.StreamOffset.from(stream, "$"), "raw", XGroupCreateArgs.Builder.mkstream());
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
    Thread consumer =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (StatefulRedisConnection<String, String> c = client.connect()) {
                    while (!Thread.currentThread().isInterrupted()) {
                      List<StreamMessage<String, String>> batch =
                          c.sync()
                              .xreadgroup(
                                  Consumer.from("raw", "c1"),
                                  XReadArgs.Builder.block(200).count(100),
                                  XReadArgs.StreamOffset.lastConsumed(stream));
                      Instant now = Instant.now();
                      for (StreamMessage<String, String> m : batch) {
                        Instant sent = Instant.parse(m.getBody().get("ts"));
                        if (sent.toEpochMilli() >= measureFrom.get()) {
                          latencies.add(Duration.between(sent, now).toNanos());
                        }
                        c.async().xack(stream, "raw", m.getId());
                      }
                    }
                  } catch (RuntimeException interrupted) {
                    // stopping
                  }
                });
    XAddArgs trim = XAddArgs.Builder.maxlen(100_000).approximateTrimming(true);
    Object[] fields = Entries.fields(Entries.envelope(0));
    pace(
        measureFrom,
        i -> {
          Object[] withTs = Arrays.copyOf(fields, fields.length + 2);
          withTs[fields.length] = "ts";
          withTs[fields.length + 1] = Instant.now().toString();
          redis.xadd(stream, trim, withTs);
        });
    awaitCount(latencies, expected());
    consumer.interrupt();
    consumer.join(2_000);
    redis.del(stream);
    return percentiles(latencies, "raw");
  }

  /** The bus: blocking publish at the rate; the handler measures from the envelope's time. */
  private double[] busLatency() throws Exception {
    List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicLong measureFrom = new AtomicLong(Long.MAX_VALUE);
    LatencyHandler handler = new LatencyHandler(latencies, measureFrom);
    try (ConfigurableApplicationContext consumer =
            BenchApps.start(
                url,
                "bench-latency",
                ctx -> ctx.registerBean(LatencyHandler.class, () -> handler));
        ConfigurableApplicationContext producer =
            BenchApps.start(url, "bench-latency-producer", ctx -> {})) {
      awaitGroup("bench-latency");
      EventPublisher publisher = producer.getBean(EventPublisher.class);
      pace(measureFrom, i -> publisher.publish(Entries.event(i)));
      awaitCount(latencies, expected());
    } finally {
      redis.del(BudaiStreams.EVENTS);
    }
    return percentiles(latencies, "bus");
  }

  /** Records publish-to-handler latency of the events published in the measured window. */
  public static final class LatencyHandler {
    final List<Long> latencies;
    final AtomicLong measureFrom;

    LatencyHandler(List<Long> latencies, AtomicLong measureFrom) {
      this.latencies = latencies;
      this.measureFrom = measureFrom;
    }

    @EventHandler
    public void on(EventEnvelope<MeetingCompleted> envelope) {
      Instant now = Instant.now();
      if (envelope.occurredAt().toEpochMilli() >= measureFrom.get()) {
        latencies.add(Duration.between(envelope.occurredAt(), now).toNanos());
      }
    }
  }

  interface Send {
    void send(long i) throws Exception;
  }

  /** Sends at {@link #RATE} per second on a fixed schedule: warm-up, then the measured window. */
  private static void pace(AtomicLong measureFrom, Send send) throws Exception {
    long interval = 1_000_000_000L / RATE;
    long total = (LATENCY_WARMUP.toMillis() + LATENCY_MEASURE.toMillis()) * RATE / 1000;
    long warmup = LATENCY_WARMUP.toMillis() * RATE / 1000;
    long start = System.nanoTime();
    for (long i = 0; i < total; i++) {
      long due = start + i * interval;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (i == warmup) {
        measureFrom.set(System.currentTimeMillis());
      }
      send.send(i);
    }
  }

  private static int expected() {
    return (int) (LATENCY_MEASURE.toMillis() * RATE / 1000) - 5;
  }

  private static void awaitCount(List<Long> latencies, int count) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (latencies.size() < count && System.nanoTime() < deadline) {
      LockSupport.parkNanos(1_000_000);
    }
  }

  private void awaitGroup(String group) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (redis.exists(BudaiStreams.EVENTS) > 0
          && redis.xinfoGroups(BudaiStreams.EVENTS).stream()
              .anyMatch(g -> String.valueOf(g).contains("name, " + group + ","))) {
        return;
      }
      LockSupport.parkNanos(10_000_000);
    }
    throw new IllegalStateException("Group " + group + " was not created");
  }

  private static double[] percentiles(List<Long> latencies, String name) {
    long[] sorted;
    synchronized (latencies) {
      sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }
    double p50 = sorted[(int) (sorted.length * 0.50)] / 1e6;
    double p99 =
        sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6;
    double max = sorted[sorted.length - 1] / 1e6;
    log(
        String.format(
            Locale.ROOT,
            "%s latency over %d events: p50 %.3f ms, p99 %.3f ms, max %.3f ms",
            name,
            sorted.length,
            p50,
            p99,
            max));
    return new double[] {p50, p99, max, sorted.length};
  }

  // ---- report ----

  private String report(
      Instant started,
      String redisVersion,
      Map<String, Double> publish,
      double rawConsume,
      double busConsume,
      double[] rawLatency,
      double[] busLatency) {
    double rawPublish = publish.getOrDefault("rawXaddPipelined", Double.NaN);
    double busPublish = publish.getOrDefault("busPublishAsync", Double.NaN);
    double busBlocking = publish.getOrDefault("busPublishBlocking32Threads", Double.NaN);
    StringBuilder md = new StringBuilder();
    md.append("# Event bus vs raw Redis\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Measured %s on %d CPUs, Java %s, Redis %s (private instance, loopback).%n%n",
            started.toString().substring(0, 19) + "Z",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"),
            redisVersion));
    md.append("Command: `./mvnw -B -pl benchmarks -am verify -DskipTests -Dbench=bus`\n\n");
    md.append("| measurement | raw Redis (baseline) | bus | bus / raw |\n");
    md.append("|---|---:|---:|---:|\n");
    row(md, "publish, pipelined (events/s)", rawPublish, busPublish, "%,.0f");
    row(
        md,
        "publish, blocking `publish()` × 32 threads (events/s)",
        rawPublish,
        busBlocking,
        "%,.0f");
    row(md, "consume + ack, no-op handler (events/s)", rawConsume, busConsume, "%,.0f");
    md.append(
        String.format(
            Locale.ROOT,
            "| consume + ack, median of the per-pair ratios | | | %.2f |%n",
            drainRatio));
    double[] rawCpuPerEntry = medianCpu(rawCpu);
    double[] busCpuPerEntry = medianCpu(busCpu);
    row(md, "consume + ack: JVM CPU per entry (µs)", rawCpuPerEntry[0], busCpuPerEntry[0], "%.2f");
    row(
        md,
        "consume + ack: Redis CPU per entry (µs)",
        rawCpuPerEntry[1],
        busCpuPerEntry[1],
        "%.2f");
    row(md, "latency p50 at 1,000 events/s (ms)", rawLatency[0], busLatency[0], "%.3f");
    row(md, "latency p99 at 1,000 events/s (ms)", rawLatency[1], busLatency[1], "%.3f");
    row(md, "latency max at 1,000 events/s (ms)", rawLatency[2], busLatency[2], "%.3f");
    md.append(
        """

        - **publish**: raw = Lettuce `XADD MAXLEN ~ 100000` of a pre-encoded entry, 1,000 per flush
          (JMH, 1 fork, 2×3 s warm-up, 3×4 s measured). Bus = `EventPublisher.publishAsync` ×1,000
          then all awaited (builds the envelope: UUIDv7, time, correlation; encodes JSON; same fields
          and trimming). The blocking row is `publish()` from 32 threads (what request handlers do),
          compared with the same pipelined raw baseline.
        - **consume + ack**: %,d pre-filled entries drained; raw and bus rounds alternate (3
          warm-up pairs, then the medians of %d pairs). CPU per entry: this JVM's process CPU time
          and the Redis server's, over the drain, divided by the entries.
          Raw = one consumer, `XREADGROUP COUNT 100` then `XACK` of the batch (pipelined with the
          next read). Bus = a service with a no-op `@EventHandler` starting on the filled stream:
          per batch one lease script (idempotency markers), handlers on virtual threads with per-key
          ordering, batched mark-processed + `XACK` script; timed from the first handler call until
          nothing is pending.
        - **latency**: %d s at a fixed 1,000 events/s after %d s warm-up; time from the producer's
          clock at send (`occurred_at` for the bus) to the handler. Raw = `XADD` and a consumer
          blocked in `XREADGROUP`; bus = blocking `publish()` and a service's `@EventHandler`.
        """
            .formatted(
                DRAIN_ENTRIES,
                DRAIN_ROUNDS,
                LATENCY_MEASURE.toSeconds(),
                LATENCY_WARMUP.toSeconds()));
    double rawPerEntry = rawCpuPerEntry[0] + rawCpuPerEntry[1];
    double busPerEntry = busCpuPerEntry[0] + busCpuPerEntry[1];
    int cpus = Runtime.getRuntime().availableProcessors();
    md.append(
        String.format(
            Locale.ROOT,
            """

            ## Where the time goes

            Consume + ack is CPU-bound here: Redis and this JVM share %d CPUs. Per entry the raw
            drain spends %.2f µs of JVM CPU and %.2f µs of Redis CPU, the bus %.2f µs and %.2f µs, so
            the machine caps the bus near %,.0f entries/s (%d CPUs / %.2f µs) against %,.0f for raw.

            - Redis (+%.2f µs): the idempotency markers. Per event one `SET NX PX` lease (one script
              per read batch) and one `SET EX` processed marker (in the batched `XACK` script); the
              raw consumer only reads and acknowledges.
            - JVM (+%.2f µs; JFR profile of `-Dbench=bus-drain`): decoding each envelope into typed
              records (about half of the handler threads' samples; ISO timestamps were a sixth of the
              decoding before the fast UTC reader), a virtual thread per entry with per-key chains,
              building the lease/ack script arguments and reading their replies, the handler-latency
              histogram. Raw decodes nothing: it never looks inside an entry.
            - Publish: per event the bus creates the envelope (UUIDv7, clock, correlation ids) and
              encodes it to JSON (a few µs), then hands it to the sender thread that pipelines the
              `XADD`s; the baseline sends one pre-encoded entry 1,000 times.

            The issue expected raw `XADD` at 60–120k/s on this machine; raw consume here runs several
            times faster because it does no per-entry work, which is what the 50%% goal is measured
            against.
            """,
            cpus,
            rawCpuPerEntry[0],
            rawCpuPerEntry[1],
            busCpuPerEntry[0],
            busCpuPerEntry[1],
            cpus / busPerEntry * 1e6,
            cpus,
            busPerEntry,
            cpus / rawPerEntry * 1e6,
            busCpuPerEntry[1] - rawCpuPerEntry[1],
            busCpuPerEntry[0] - rawCpuPerEntry[0]));
    md.append(
        String.format(
            Locale.ROOT,
            "%nGoals (issue #3): publish and consume+ack ≥ 50%% of raw — %s / %s; p99 < 5 ms at"
                + " 1,000 events/s — %s.%n",
            busPublish / rawPublish >= 0.5 ? "met" : "missed",
            drainRatio >= 0.5 ? "met" : "missed",
            busLatency[1] < 5 ? "met" : "missed"));
    return md.toString();
  }

  private static void row(StringBuilder md, String name, double raw, double bus, String format) {
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(String.format(Locale.ROOT, format, raw))
        .append(" | ")
        .append(String.format(Locale.ROOT, format, bus))
        .append(" | ")
        .append(String.format(Locale.ROOT, "%.2f", bus / raw))
        .append(" |\n");
  }

  private String redisVersion() {
    for (String line : redis.info("server").split("\r?\n")) {
      if (line.startsWith("redis_version:")) {
        return line.substring("redis_version:".length()).trim();
      }
    }
    return "?";
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static void log(String message) {
    System.out.println("[bench] " + message);
  }
}
