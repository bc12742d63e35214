package io.budai.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.FollowupSent;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.orchestrator.support.FakeAgents;
import io.budai.orchestrator.support.Orchestrator;
import io.budai.orchestrator.workflow.WorkflowStore;
import io.budai.test.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Throughput and latency of the orchestrator: {@code meeting.completed} events pushed through one
 * orchestrator instance (real Redis, real bus) with instant fake agents and zero delays, measured
 * from each {@code meeting.completed} to its {@code followup.sent} (both envelopes' {@code
 * occurred_at}, stamped by the same JVM clock).
 *
 * <p>Same-run baseline: the same five agent calls per meeting made directly with a plain JDK
 * HttpClient (no bus, no state, no durability), at the same rate and concurrency — the floor the
 * fake agents and loopback HTTP impose on this machine.
 *
 * <p>Run: {@code ./mvnw -B -pl orchestrator-service -am verify -Dtest=OrchestratorBench
 * -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false} (optional {@code -Dbench.rate=200
 * -Dbench.seconds=10 -Dbench.burst=2000}); writes {@code benchmarks/results/orchestrator.md}. Never
 * part of a test run: its name matches no test pattern, and without {@code -Dbench=true} it is
 * skipped.
 */
class OrchestratorBench {

  static final int RATE = Integer.getInteger("bench.rate", 200);
  static final int SECONDS = Integer.getInteger("bench.seconds", 10);
  static final int BURST = Integer.getInteger("bench.burst", 2000);
  static final int WARMUP = Integer.getInteger("bench.warmup", 600);

  record Result(String scenario, int workflows, double perSecond, Stats latency) {}

  record Stats(double p50, double p95, double p99, double max) {
    static Stats of(List<Double> millis) {
      double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      return new Stats(
          at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1]);
    }

    static double at(double[] sorted, double q) {
      return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "bench", matches = "true")
  void benchmark() throws Exception {
    main(new String[0]);
  }

  public static void main(String[] args) throws Exception {
    List<Result> results = new ArrayList<>();
    try (FakeAgents agents = new FakeAgents()) {
      Map<String, String> props = Orchestrator.defaults(agents);
      props.put("logging.level.io.budai", "WARN");
      props.put("logging.level.root", "WARN");
      props.put("budai.orchestrator.steps.lease", "30s");
      try (Orchestrator orchestrator = Orchestrator.start(props)) {
        StringRedisTemplate redis = orchestrator.redis();
        WorkflowStore store = orchestrator.store();

        run(orchestrator, "warm-up", WARMUP, 150);
        results.add(
            run(orchestrator, "paced " + RATE + "/s for " + SECONDS + " s", RATE * SECONDS, RATE));
        results.add(run(orchestrator, "burst of " + BURST, BURST, 0));

        results.add(
            direct(
                agents,
                "baseline: direct agent calls, paced " + RATE + "/s",
                RATE * SECONDS,
                RATE));
        results.add(direct(agents, "baseline: direct agent calls, burst of " + BURST, BURST, 0));
        assertThat(store.stats().getOrDefault("meeting:failed", 0L)).isZero();
        assertThat(redis.opsForStream().size(BudaiStreams.EVENTS)).isPositive();
      }
    }
    String report = report(results);
    System.out.println(report);
    Path out = resultsFile();
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println("Wrote " + out.toAbsolutePath().normalize());
  }

  /** Publishes {@code count} meeting.completed at {@code rate}/s (0 = all at once). */
  static Result run(Orchestrator orchestrator, String scenario, int count, int rate) {
    WorkflowStore store = orchestrator.store();
    long before = store.stats().getOrDefault("meeting:completed", 0L);
    String prefix =
        "bench-" + scenario.replaceAll("[^a-z0-9]+", "-") + "-" + System.nanoTime() + "-";
    List<CompletableFuture<?>> sent = new ArrayList<>(count);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      if (rate > 0) {
        long due = start + (long) (i * (1e9 / rate));
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      sent.add(
          orchestrator
              .events()
              .publishAsync(
                  new MeetingCompleted(prefix + i, "u-bench", Instant.now(), 60, 3, "C-BENCH"),
                  "u-bench"));
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (store.stats().getOrDefault("meeting:completed", 0L) < before + count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(scenario + ": workflows did not complete in 120 s");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return measure(orchestrator.redis(), scenario, prefix, count);
  }

  static Result measure(StringRedisTemplate redis, String scenario, String prefix, int count) {
    Map<String, Instant> completed = new HashMap<>();
    Map<String, Instant> sent = new HashMap<>();
    EventCodec codec = new EventCodec();
    List<MapRecord<String, Object, Object>> records =
        redis.opsForStream().range(BudaiStreams.EVENTS, Range.unbounded());
    for (MapRecord<String, Object, Object> record : records) {
      Object type = record.getValue().get(BudaiStreams.FIELD_TYPE);
      if (!"meeting.completed".equals(type) && !"followup.sent".equals(type)) {
        continue;
      }
      if (codec.decode(type.toString(), record.getValue().get(BudaiStreams.FIELD_EVENT).toString())
          instanceof EventCodec.Event event) {
        EventEnvelope<DomainEvent> envelope = event.envelope();
        if (envelope.payload() instanceof MeetingCompleted m && m.meetingId().startsWith(prefix)) {
          completed.put(m.meetingId(), envelope.occurredAt());
        } else if (envelope.payload() instanceof FollowupSent f
            && f.meetingId().startsWith(prefix)) {
          sent.put(f.meetingId(), envelope.occurredAt());
        }
      }
    }
    if (completed.size() != count || sent.size() != count) {
      throw new IllegalStateException(
          scenario
              + ": found "
              + completed.size()
              + " meeting.completed and "
              + sent.size()
              + " followup.sent of "
              + count);
    }
    List<Double> latencies = new ArrayList<>(count);
    completed.forEach(
        (meeting, at) -> latencies.add(Duration.between(at, sent.get(meeting)).toNanos() / 1e6));
    Instant first = completed.values().stream().min(Instant::compareTo).orElseThrow();
    Instant last = sent.values().stream().max(Instant::compareTo).orElseThrow();
    double seconds = Duration.between(first, last).toNanos() / 1e9;
    return new Result(scenario, count, count / seconds, Stats.of(latencies));
  }

  /** The same five agent calls per meeting, made directly, at most 256 at a time. */
  static Result direct(FakeAgents agents, String scenario, int count, int rate) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Semaphore concurrency = new Semaphore(256);
    double[] latencies = new double[count];
    long start = System.nanoTime();
    long[] end = new long[1];
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < count; i++) {
        if (rate > 0) {
          long wait = start + (long) (i * (1e9 / rate)) - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
        }
        int index = i;
        long queued = System.nanoTime();
        threads.execute(
            () -> {
              concurrency.acquireUninterruptibly();
              try {
                String meeting = "direct-" + index;
                send(
                    http,
                    HttpRequest.newBuilder(
                            URI.create(agents.collector.url() + "/internal/transcripts/" + meeting))
                        .GET());
                send(
                    http,
                    post(
                        agents.summarizer.url() + "/summarize",
                        "{\"meeting_id\":\""
                            + meeting
                            + "\",\"transcript\":[{\"speaker\":\"A\",\"text\":\"hi\"}]}"));
                send(
                    http,
                    post(
                        agents.followup.url() + "/followup",
                        "{\"meeting_id\":\""
                            + meeting
                            + "\",\"title\":\"t\",\"summary\":{\"overview\":\"o\"}}"));
                send(
                    http,
                    post(
                        agents.slack.url() + "/messages",
                        "{\"channel\":\"C\",\"text\":\"t\",\"idempotency_key\":\""
                            + meeting
                            + "\"}"));
                send(
                    http,
                    post(agents.followup.url() + "/email/send", "{\"to\":[\"a@example.com\"]}"));
                latencies[index] = (System.nanoTime() - queued) / 1e6;
                synchronized (end) {
                  end[0] = Math.max(end[0], System.nanoTime());
                }
              } finally {
                concurrency.release();
              }
            });
      }
    }
    double seconds = (end[0] - start) / 1e9;
    return new Result(
        scenario, count, count / seconds, Stats.of(Arrays.stream(latencies).boxed().toList()));
  }

  static HttpRequest.Builder post(String url, String json) {
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
  }

  static void send(HttpClient http, HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException("fake answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String report(List<Result> results) {
    StringBuilder md = new StringBuilder();
    md.append("# Orchestrator benchmark\n\n")
        .append("`meeting.completed` → `followup.sent` through one orchestrator-service instance ")
        .append("(real Redis ")
        .append(TestInfrastructure.redisUrl().startsWith("redis://127.0.0.1") ? "on loopback" : "")
        .append(", the real event bus, Lua state transitions) with instant fake agents ")
        .append("(collector, summarizer, followup, Slack; JDK HttpServer on loopback) and ")
        .append("`ORCHESTRATOR_FOLLOWUP_DELAY=0`. Each workflow: 5 HTTP calls, 6 compare-and-set ")
        .append(
            "Lua transitions appending 9 events (6 `workflow.state.changed`, `summary.generated`, ")
        .append("`followup.drafted`, `followup.sent`). Latency = `followup.sent.occurred_at − ")
        .append("meeting.completed.occurred_at`.\n\n")
        .append(
            "Run: `./mvnw -B -pl orchestrator-service -am verify -Dtest=OrchestratorBench -Dbench=true ")
        .append("-Dsurefire.failIfNoSpecifiedTests=false` ")
        .append("(`-Dbench.rate`, `-Dbench.seconds`, `-Dbench.burst` to change the load).\n\n")
        .append("Measured ")
        .append(Instant.now().atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
        .append(" on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append(", test-fork JVM flags `")
        .append(
            String.join(
                " ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()))
        .append("` (C1 only: a pessimistic JIT), system load average ")
        .append(
            String.format(
                Locale.ROOT,
                "%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage()))
        .append(
            " at the end (other builds share the machine). The orchestrator, the fakes and the ")
        .append("driver share the JVM and the cores; Redis is a separate process.\n\n")
        .append("| scenario | workflows | workflows/s | p50 ms | p95 ms | p99 ms | max ms |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (Result r : results) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f |%n",
              r.scenario(),
              r.workflows(),
              r.perSecond(),
              r.latency().p50(),
              r.latency().p95(),
              r.latency().p99(),
              r.latency().max()));
    }
    Result paced = results.get(0);
    Result burst = results.get(1);
    md.append("\nGoal: ≥ 200 workflows/s on one instance and p99 < 250 ms with instant agents.\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "- Throughput (burst): %.0f workflows/s — %s.%n",
                burst.perSecond(),
                burst.perSecond() >= 200 ? "met" : "NOT met"))
        .append(
            String.format(
                Locale.ROOT,
                "- p99 at %d/s: %.1f ms — %s.%n",
                RATE,
                paced.latency().p99(),
                paced.latency().p99() < 250 ? "met" : "NOT met"))
        .append("- The burst's latencies are queueing time: all ")
        .append(BURST)
        .append(" events arrive at once.\n");
    return md.toString();
  }

  static Path resultsFile() {
    Path module = Path.of("").toAbsolutePath();
    Path root = Files.exists(module.resolve("orchestrator-service")) ? module : module.getParent();
    return root.resolve("benchmarks").resolve("results").resolve("orchestrator.md");
  }
}
