package io.budai.collector.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.collector.TranscriptionCollectorApplication;
import io.budai.contracts.BudaiStreams;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SegmentCodec;
import io.budai.contracts.segments.Transcription;
import io.budai.test.TestInfrastructure;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sustained segment ingest: many concurrent simulated meetings, each sending 2 confirmed segments a
 * second into {@code budai:segments}, through one collector with persistence on (hot store, flush
 * to PostgreSQL every second). Reports the ingest rate it sustains, the backlog, PostgreSQL rows/s
 * and flush lag, checks that every segment ends up stored exactly once, and shows where the time
 * goes (Redis command statistics and CPU, bus handler time, flush time).
 *
 * <p>Same-run baselines on the same Redis and PostgreSQL: (a) the stream alone, {@code XADD} then
 * {@code XREADGROUP}+{@code XACK} with no work; (b) PostgreSQL alone, batched inserts of the same
 * rows into a copy of the segments table (same indexes, full-text included).
 *
 * <p>Run: {@code ./mvnw -B -pl transcription-collector -am verify -Dtest=IngestBench -Dbench=true
 * -Dsurefire.failIfNoSpecifiedTests=false} (optional {@code -Dbench.meetings=2500
 * -Dbench.seconds=30}); writes {@code benchmarks/results/ingest.md}. Never part of a test run: its
 * name matches no test pattern and without {@code -Dbench=true} it is skipped.
 */
class IngestBench {

  static final int MEETINGS = Integer.getInteger("bench.meetings", 2500);
  static final int SECONDS = Integer.getInteger("bench.seconds", 30);
  static final int WARMUP = Integer.getInteger("bench.warmup", 15);
  static final double PER_MEETING = 2.0;
  static final SegmentCodec CODEC = new SegmentCodec();

  @Test
  @EnabledIfSystemProperty(named = "bench", matches = "true")
  void sustainedIngest() throws Exception {
    String database = TestInfrastructure.newDatabase("IngestBench");
    RedisClient client = RedisClient.create(TestInfrastructure.redisUrl());
    StatefulRedisConnection<String, String> admin = client.connect();
    admin.sync().flushall();

    ConfigurableApplicationContext collector = startCollector(database);
    List<Long> meetings = createMeetings(database);

    Baseline stream = streamBaseline(client, Math.min(5, SECONDS));
    Baseline postgres = postgresBaseline(database, Math.min(5, SECONDS));

    MeterRegistry meters = collector.getBean(MeterRegistry.class);
    Map<String, double[]> redisBefore = commandStats(admin);
    double redisCpuBefore = redisCpu(admin);
    long jvmCpuBefore = processCpuNanos();
    double handlerBefore = handlerSeconds(meters);
    Timer flushRuns = meters.timer("collector.flush.runs");
    double flushBefore = flushRuns.totalTime(TimeUnit.SECONDS);
    long flushCountBefore = flushRuns.count();

    Load load = new Load(client, meetings);
    Thread generator = Thread.ofPlatform().name("bench-load").start(load);
    List<Sample> samples = new ArrayList<>();
    long started = System.nanoTime();
    double ingestedAtStart = 0;
    double rowsAtStart = 0;
    long publishedAtStart = 0;
    int total = WARMUP + SECONDS;
    for (int second = 1; second <= total; second++) {
      LockSupport.parkNanos(started + second * 1_000_000_000L - System.nanoTime());
      double ingested = meters.counter("collector.segments.ingested").count();
      double rows = meters.counter("collector.flush.rows").count();
      long published = load.published;
      if (second == WARMUP) {
        ingestedAtStart = ingested;
        rowsAtStart = rows;
        publishedAtStart = published;
      }
      samples.add(new Sample(second, published, ingested, rows));
    }
    load.stop = true;
    generator.join();
    long sent = load.published;
    Sample end = samples.getLast();
    double window = SECONDS;
    double offered = (end.published() - publishedAtStart) / window;
    double ingestRate = (end.ingested() - ingestedAtStart) / window;
    double rowRate = (end.rows() - rowsAtStart) / window;
    long maxBacklog =
        samples.stream().mapToLong(s -> s.published() - (long) s.ingested()).max().orElse(0);
    long endBacklog = end.published() - (long) end.ingested();
    int caughtUp = -1;
    for (Sample s : samples) {
      if (s.second() > 1 && s.published() - s.ingested() < MEETINGS * PER_MEETING) {
        caughtUp = s.second();
        break;
      }
    }

    // drain: everything sent must end up in PostgreSQL, once
    Instant drainStart = Instant.now();
    long stored = 0;
    while (Duration.between(drainStart, Instant.now()).toSeconds() < 180) {
      stored = count(database, "SELECT count(*) FROM transcripts.segments");
      if (stored >= sent) {
        break;
      }
      LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
    }
    double drainSeconds = Duration.between(drainStart, Instant.now()).toMillis() / 1000.0;
    long distinct =
        count(
            database,
            "SELECT count(*) FROM (SELECT DISTINCT meeting_id, segment_id FROM transcripts.segments) d");

    // capacity: a burst published as fast as the pipeline goes, drained as fast as the collector
    // can
    Capacity capacity = burst(load, meters, database, stored);

    double jvmCpu = (processCpuNanos() - jvmCpuBefore) / 1e9;
    double redisCpu = redisCpu(admin) - redisCpuBefore;
    Map<String, double[]> redisAfter = commandStats(admin);
    double handler = handlerSeconds(meters) - handlerBefore;
    double flushSeconds = flushRuns.totalTime(TimeUnit.SECONDS) - flushBefore;
    long flushCount = flushRuns.count() - flushCountBefore;
    Timer lag = meters.timer("collector.flush.lag");
    Map<Double, Double> lagPercentiles = new HashMap<>();
    for (ValueAtPercentile p : lag.takeSnapshot().percentileValues()) {
      lagPercentiles.put(p.percentile(), p.value(TimeUnit.MILLISECONDS));
    }
    Map<String, Double> phases = phases(meters);
    collector.close();

    String report =
        report(
            offered,
            ingestRate,
            rowRate,
            maxBacklog,
            endBacklog,
            sent,
            stored,
            distinct,
            drainSeconds,
            caughtUp,
            capacity,
            lagPercentiles,
            lag.max(TimeUnit.MILLISECONDS),
            stream,
            postgres,
            jvmCpu,
            redisCpu,
            handler,
            flushSeconds,
            flushCount,
            phases,
            redisBefore,
            redisAfter,
            samples);
    Path out = Path.of("..", "benchmarks", "results", "ingest.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);
    admin.close();
    client.shutdown();
    assertThat(stored).as("every segment stored").isEqualTo(sent);
    assertThat(distinct).as("no duplicate").isEqualTo(stored);
  }

  /** The load: every meeting sends 2 confirmed segments a second, evenly spread, pipelined. */
  static final class Load implements Runnable {
    private final StatefulRedisConnection<String, String> connection;
    private final List<Long> meetings;
    private final int[] next;
    volatile boolean stop;
    volatile long published;

    Load(RedisClient client, List<Long> meetings) {
      this.connection = client.connect();
      this.meetings = meetings;
      this.next = new int[meetings.size()];
    }

    @Override
    public void run() {
      double rate = meetings.size() * PER_MEETING;
      long tickNanos = 10_000_000L;
      long start = System.nanoTime();
      long sent = 0;
      int cursor = 0;
      connection.setAutoFlushCommands(false);
      List<RedisFuture<String>> pending = new ArrayList<>();
      while (!stop) {
        long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
        while (sent < due) {
          int m = cursor;
          cursor = (cursor + 1) % meetings.size();
          pending.add(send(meetings.get(m), m, next[m]++));
          sent++;
        }
        connection.flushCommands();
        for (RedisFuture<String> future : pending) {
          future.toCompletableFuture().join();
        }
        pending.clear();
        published = sent;
        LockSupport.parkNanos(tickNanos);
      }
      connection.setAutoFlushCommands(true);
    }

    /** Publishes {@code count} segments as fast as pipelining allows. */
    void sendBurst(int count) {
      connection.setAutoFlushCommands(false);
      int cursor = 0;
      for (int sent = 0; sent < count; sent += 1000) {
        List<RedisFuture<String>> pending = new ArrayList<>(1000);
        for (int i = 0; i < 1000 && sent + i < count; i++) {
          int m = cursor;
          cursor = (cursor + 1) % meetings.size();
          pending.add(send(meetings.get(m), m, next[m]++));
        }
        connection.flushCommands();
        pending.forEach(f -> f.toCompletableFuture().join());
      }
      connection.setAutoFlushCommands(true);
      connection.close();
    }

    private RedisFuture<String> send(long meetingId, int index, int sequence) {
      String uid = "bench-session-" + index;
      double start = sequence * 0.5;
      Transcription message =
          new Transcription(
              uid,
              String.valueOf(meetingId),
              "google_meet",
              "bench-" + index,
              "en",
              "bench",
              List.of(
                  new Segment(
                      start,
                      start + 0.45,
                      sequence % 2 == 0 ? "Project Manager" : "Industrial Designer",
                      "so the remote control should be original trendy and user friendly number "
                          + sequence,
                      "en",
                      true,
                      uid + ":" + sequence)));
      return connection
          .async()
          .xadd(
              BudaiStreams.SEGMENTS,
              BudaiStreams.FIELD_TYPE,
              message.type(),
              BudaiStreams.FIELD_KEY,
              message.orderingKey(),
              BudaiStreams.FIELD_EVENT,
              CODEC.encode(message));
    }
  }

  record Sample(int second, long published, double ingested, double rows) {}

  record Capacity(int segments, double ingestPerSecond, double persistPerSecond) {}

  static final int BURST = Integer.getInteger("bench.burst", 100_000);

  private static Capacity burst(Load load, MeterRegistry meters, String database, long storedBefore)
      throws Exception {
    double ingestedBefore = meters.counter("collector.segments.ingested").count();
    long start = System.nanoTime();
    Thread publisher = Thread.ofPlatform().start(() -> load.sendBurst(BURST));
    double ingested = ingestedBefore;
    while (ingested < ingestedBefore + BURST && System.nanoTime() - start < 120_000_000_000L) {
      LockSupport.parkNanos(50_000_000L);
      ingested = meters.counter("collector.segments.ingested").count();
    }
    double ingestSeconds = (System.nanoTime() - start) / 1e9;
    long stored = storedBefore;
    while (stored < storedBefore + BURST && System.nanoTime() - start < 180_000_000_000L) {
      LockSupport.parkNanos(100_000_000L);
      stored = count(database, "SELECT count(*) FROM transcripts.segments");
    }
    double persistSeconds = (System.nanoTime() - start) / 1e9;
    publisher.join();
    assertThat(stored).as("burst stored").isEqualTo(storedBefore + BURST);
    return new Capacity(BURST, BURST / ingestSeconds, BURST / persistSeconds);
  }

  record Baseline(String what, double perSecond, String detail) {}

  /** The stream alone: pipelined XADD, then XREADGROUP COUNT 100 + XACK with no work. */
  private static Baseline streamBaseline(RedisClient client, int seconds) {
    String stream = "bench:baseline:stream";
    StatefulRedisConnection<String, String> connection = client.connect();
    connection.sync().del(stream);
    connection
        .sync()
        .xgroupCreate(
            XReadArgs.StreamOffset.from(stream, "0"), "g", XGroupCreateArgs.Builder.mkstream(true));
    String payload =
        CODEC.encode(
            new Transcription(
                "u",
                "1",
                "google_meet",
                "n",
                "en",
                "bench",
                List.of(
                    new Segment(
                        0,
                        0.45,
                        "Project Manager",
                        "so the remote control should be original trendy and user friendly number 1",
                        "en",
                        true,
                        "u:1"))));
    int total = 0;
    long start = System.nanoTime();
    long deadline = start + seconds * 1_000_000_000L;
    connection.setAutoFlushCommands(false);
    while (System.nanoTime() < deadline) {
      List<RedisFuture<String>> adds = new ArrayList<>(1000);
      for (int i = 0; i < 1000; i++) {
        adds.add(
            connection.async().xadd(stream, "type", "transcription", "key", "1", "event", payload));
      }
      connection.flushCommands();
      adds.forEach(f -> f.toCompletableFuture().join());
      connection.setAutoFlushCommands(true);
      int read = 0;
      while (read < 1000) {
        List<StreamMessage<String, String>> batch =
            connection
                .sync()
                .xreadgroup(
                    Consumer.from("g", "c"),
                    XReadArgs.Builder.count(100),
                    XReadArgs.StreamOffset.lastConsumed(stream));
        if (batch.isEmpty()) {
          break;
        }
        connection
            .sync()
            .xack(stream, "g", batch.stream().map(StreamMessage::getId).toArray(String[]::new));
        read += batch.size();
      }
      connection.setAutoFlushCommands(false);
      total += read;
    }
    connection.setAutoFlushCommands(true);
    double elapsed = (System.nanoTime() - start) / 1e9;
    connection.sync().del(stream);
    connection.close();
    return new Baseline(
        "stream alone (XADD pipelined, XREADGROUP 100 + XACK, no work)",
        total / elapsed,
        total + " entries in " + String.format(Locale.ROOT, "%.1f", elapsed) + " s");
  }

  /** PostgreSQL alone: 5,000-row batches of the same rows into a copy of the segments table. */
  private static Baseline postgresBaseline(String database, int seconds) throws Exception {
    try (Connection connection = DriverManager.getConnection(database);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE transcripts.bench_floor (LIKE transcripts.segments INCLUDING ALL)");
      int total = 0;
      long start = System.nanoTime();
      long deadline = start + seconds * 1_000_000_000L;
      int batch = 0;
      try (PreparedStatement insert =
          connection.prepareStatement(
              """
              INSERT INTO transcripts.bench_floor (meeting_id, segment_id, session_uid, start_time,
                  end_time, text, speaker, language, revision)
              SELECT * FROM unnest(?::int8[], ?::text[], ?::text[], ?::float8[], ?::float8[],
                                   ?::text[], ?::text[], ?::text[], ?::int8[])""")) {
        while (System.nanoTime() < deadline) {
          int n = 5000;
          Long[] meetings = new Long[n];
          String[] ids = new String[n];
          String[] sessions = new String[n];
          Double[] starts = new Double[n];
          Double[] ends = new Double[n];
          String[] texts = new String[n];
          String[] speakers = new String[n];
          String[] languages = new String[n];
          Long[] revisions = new Long[n];
          for (int i = 0; i < n; i++) {
            meetings[i] = 1L + i % 2500;
            ids[i] = "floor-" + batch + "-" + i;
            sessions[i] = "s";
            starts[i] = i * 0.5;
            ends[i] = i * 0.5 + 0.45;
            texts[i] =
                "so the remote control should be original trendy and user friendly number " + i;
            speakers[i] = "Project Manager";
            languages[i] = "en";
            revisions[i] = (long) i;
          }
          insert.setArray(1, array(connection, "int8", meetings));
          insert.setArray(2, array(connection, "text", ids));
          insert.setArray(3, array(connection, "text", sessions));
          insert.setArray(4, array(connection, "float8", starts));
          insert.setArray(5, array(connection, "float8", ends));
          insert.setArray(6, array(connection, "text", texts));
          insert.setArray(7, array(connection, "text", speakers));
          insert.setArray(8, array(connection, "text", languages));
          insert.setArray(9, array(connection, "int8", revisions));
          total += insert.executeUpdate();
          batch++;
        }
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      statement.execute("DROP TABLE transcripts.bench_floor");
      return new Baseline(
          "PostgreSQL alone (5,000-row batched inserts, same indexes incl. full-text)",
          total / elapsed,
          total + " rows in " + String.format(Locale.ROOT, "%.1f", elapsed) + " s");
    }
  }

  private static Array array(Connection connection, String type, Object[] values) throws Exception {
    return connection.createArrayOf(type, values);
  }

  private static ConfigurableApplicationContext startCollector(String database) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("server.port", "0");
    properties.put("spring.data.redis.url", TestInfrastructure.redisUrl());
    properties.put("spring.datasource.url", database);
    properties.put("spring.datasource.username", "postgres");
    properties.put("spring.datasource.password", "");
    properties.put("budai.internal-token", TestInfrastructure.INTERNAL_TOKEN);
    properties.put("collector.flush.interval", "1s");
    properties.put("collector.flush.confirmed-after", "1s");
    properties.put("collector.admin-service-url", "http://127.0.0.1:1");
    properties.put("logging.level.root", "WARN");
    return new SpringApplicationBuilder(TranscriptionCollectorApplication.class)
        .run(
            properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new));
  }

  private static List<Long> createMeetings(String database) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection(database);
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                """
                INSERT INTO transcripts.meetings (user_id, platform, platform_specific_id, status,
                                                  start_time)
                SELECT 'bench-' || mod(g, 250), 'google_meet', 'bench-' || g, 'active', now()
                  FROM generate_series(0, %d) g
                RETURNING id"""
                    .formatted(MEETINGS - 1))) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static long count(String database, String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(database);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** INFO commandstats: command → {calls, usec}. */
  private static Map<String, double[]> commandStats(StatefulRedisConnection<String, String> admin) {
    Map<String, double[]> stats = new HashMap<>();
    for (String line : admin.sync().info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring(8, line.indexOf(':'));
        double calls = 0;
        double usec = 0;
        for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
          String[] kv = part.split("=");
          if (kv[0].equals("calls")) {
            calls = Double.parseDouble(kv[1]);
          } else if (kv[0].equals("usec")) {
            usec = Double.parseDouble(kv[1]);
          }
        }
        stats.put(name, new double[] {calls, usec});
      }
    }
    return stats;
  }

  private static double redisCpu(StatefulRedisConnection<String, String> admin) {
    double cpu = 0;
    for (String line : admin.sync().info("cpu").split("\r?\n")) {
      if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
        cpu += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
      }
    }
    return cpu;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static Map<String, Double> phases(MeterRegistry meters) {
    Map<String, Double> phases = new LinkedHashMap<>();
    for (String phase : List.of("read", "write", "remove", "publish")) {
      Timer timer = meters.find("collector.flush.phase").tag("phase", phase).timer();
      phases.put(
          switch (phase) {
            case "read" -> "reading the hot store (pipelined HGETALL + parsing)";
            case "write" -> "the PostgreSQL upsert";
            case "remove" -> "deleting flushed fields (one Lua call per 500 meetings)";
            default -> "building and publishing transcript.finalized frames";
          },
          timer == null ? 0 : timer.totalTime(TimeUnit.SECONDS));
    }
    return phases;
  }

  private static double handlerSeconds(MeterRegistry meters) {
    return meters.find("budai.bus.handler").timers().stream()
        .filter(t -> BudaiStreams.SEGMENTS.equals(t.getId().getTag("stream")))
        .mapToDouble(t -> t.totalTime(TimeUnit.SECONDS))
        .sum();
  }

  private static String report(
      double offered,
      double ingestRate,
      double rowRate,
      long maxBacklog,
      long endBacklog,
      long sent,
      long stored,
      long distinct,
      double drainSeconds,
      int caughtUp,
      Capacity capacity,
      Map<Double, Double> lag,
      double lagMax,
      Baseline stream,
      Baseline postgres,
      double jvmCpu,
      double redisCpu,
      double handler,
      double flushSeconds,
      long flushCount,
      Map<String, Double> phases,
      Map<String, double[]> before,
      Map<String, double[]> after,
      List<Sample> samples) {
    StringBuilder md = new StringBuilder();
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    md.append("# Segment ingest benchmark\n\n")
        .append(
            "Sustained ingest through `budai:segments` into one transcription-collector with persistence on: ")
        .append(MEETINGS)
        .append(
            " concurrent meetings, each sending 2 confirmed segments a second (one segment per message), for ")
        .append(SECONDS)
        .append(" s after a ")
        .append(WARMUP)
        .append(
            " s warm-up. The collector runs in the benchmark's JVM (real event bus, Lua hot store, flush every 1 s of segments unchanged for 1 s, upsert into PostgreSQL with the full-text index); Redis and PostgreSQL are separate local processes.\n\n")
        .append(
            "Run: `./mvnw -B -pl transcription-collector -am verify -Dtest=IngestBench -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false` (`-Dbench.meetings`, `-Dbench.seconds` to change the load).\n\n")
        .append("Measured ")
        .append(Instant.now().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
        .append(" on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append(", JVM flags `")
        .append(
            String.join(
                " ",
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("-X"))
                    .toList()))
        .append("`, system load average ")
        .append(String.format(Locale.ROOT, "%.1f", load))
        .append(" at the end (other builds share the machine).\n\n");
    md.append("| measure | value |\n|---|---:|\n");
    row(md, "offered load (segments/s)", offered);
    row(md, "ingested into the hot store (segments/s, sustained window)", ingestRate);
    row(md, "persisted to PostgreSQL (rows/s, sustained window)", rowRate);
    md.append("| largest backlog (published − ingested) | ").append(maxBacklog).append(" |\n");
    md.append("| backlog when the load stopped | ").append(endBacklog).append(" |\n");
    row(md, "flush lag p50 (ms, last change → commit)", lag.getOrDefault(0.5, Double.NaN));
    row(md, "flush lag p99 (ms)", lag.getOrDefault(0.99, Double.NaN));
    row(md, "flush lag max (ms)", lagMax);
    md.append("| segments sent / stored / distinct | ")
        .append(sent)
        .append(" / ")
        .append(stored)
        .append(" / ")
        .append(distinct)
        .append(" |\n");
    row(md, "time to store everything after the load stopped (s)", drainSeconds);
    md.append("| start-up: second at which the backlog first fell under 1 s of load | ")
        .append(caughtUp < 0 ? "never" : caughtUp + " s")
        .append(" |\n");
    md.append("\nCapacity, after the sustained run: a burst of ")
        .append(capacity.segments())
        .append(" segments published as fast as pipelining goes is ingested at ")
        .append(String.format(Locale.ROOT, "%,.0f", capacity.ingestPerSecond()))
        .append(" segments/s and fully persisted at ")
        .append(String.format(Locale.ROOT, "%,.0f", capacity.persistPerSecond()))
        .append(" segments/s (both from the first publish).\n");
    md.append(
        "\nSame-run baselines (the floor of each part on this machine, nothing else running):\n\n");
    md.append("| baseline | per second | detail |\n|---|---:|---|\n");
    for (Baseline b : List.of(stream, postgres)) {
      md.append("| ")
          .append(b.what())
          .append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f", b.perSecond()))
          .append(" | ")
          .append(b.detail())
          .append(" |\n");
    }
    md.append("\nRatios at capacity: collector ingest / stream floor = ")
        .append(String.format(Locale.ROOT, "%.2f", capacity.ingestPerSecond() / stream.perSecond()))
        .append("; end-to-end persistence / PostgreSQL floor = ")
        .append(
            String.format(Locale.ROOT, "%.2f", capacity.persistPerSecond() / postgres.perSecond()))
        .append(".\n\n");
    md.append("## Where the time goes (whole run incl. drain)\n\n");
    md.append("| part | seconds |\n|---|---:|\n");
    row(md, "JVM CPU (collector + load generator)", jvmCpu);
    row(md, "Redis CPU", redisCpu);
    row(md, "bus handler time on budai:segments (wall, summed over concurrent handlers)", handler);
    row(md, "flush runs (wall, " + flushCount + " runs)", flushSeconds);
    phases.forEach((phase, seconds) -> row(md, "… of which " + phase, seconds));
    double segmentsTotal = sent + capacity.segments();
    md.append("\nPer segment (")
        .append(String.format(Locale.ROOT, "%,.0f", segmentsTotal))
        .append(" in all): JVM CPU ")
        .append(String.format(Locale.ROOT, "%.0f", jvmCpu / segmentsTotal * 1e6))
        .append(" µs, Redis CPU ")
        .append(String.format(Locale.ROOT, "%.0f", redisCpu / segmentsTotal * 1e6))
        .append(
            " µs. The test fork runs C1 only (`-XX:TieredStopAtLevel=1`), which inflates the JVM"
                + " share.\n");
    md.append(
        "\nRedis commands during the run:\n\n| command | calls | µs per call | total s |\n|---|---:|---:|---:|\n");
    after.entrySet().stream()
        .map(
            e -> {
              double[] b = before.getOrDefault(e.getKey(), new double[] {0, 0});
              return Map.entry(
                  e.getKey(), new double[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
            })
        .filter(e -> e.getValue()[0] > 0)
        .sorted((x, y) -> Double.compare(y.getValue()[1], x.getValue()[1]))
        .limit(10)
        .forEach(
            e ->
                md.append("| ")
                    .append(e.getKey())
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", e.getValue()[0]))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", e.getValue()[1] / e.getValue()[0]))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", e.getValue()[1] / 1e6))
                    .append(" |\n"));
    md.append("\nPer second (published, ingested, persisted, cumulative):\n\n```\n");
    for (Sample s : samples) {
      md.append(
          String.format(
              Locale.ROOT,
              "%3d s  %8d  %8.0f  %8.0f%n",
              s.second(),
              s.published(),
              s.ingested(),
              s.rows()));
    }
    md.append("```\n");
    return md.toString();
  }

  private static void row(StringBuilder md, String name, double value) {
    md.append("| ")
        .append(name)
        .append(" | ")
        .append(Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.1f", value))
        .append(" |\n");
  }
}
