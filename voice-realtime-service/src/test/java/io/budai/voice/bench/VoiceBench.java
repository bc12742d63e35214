package io.budai.voice.bench;

import io.budai.contracts.BudaiHeaders;
import io.budai.test.TestInfrastructure;
import io.budai.voice.VoiceRealtimeServiceApplication;
import io.budai.voice.fakes.FakeBudai;
import io.budai.voice.fakes.FakeDeepgram;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How many concurrent real-time audio streams one voice-realtime-service instance holds.
 *
 * <p>A real service on loopback (Deepgram engine) in front of a fake Deepgram whose final results
 * come after a fixed latency. Each step opens N WebSocket clients that stream 16 kHz PCM in 20 ms
 * frames at real-time pace — utterances of 1 s separated by 1 s of silence, phases staggered — and
 * measures, per confirmed segment, the time from the moment the client sent the end of that
 * utterance to the moment the confirmed segment came back (client-observed STT latency), plus the
 * service's own {@code voice.stt.latency} histogram, dropped frames and lost segments. A step
 * passes with p99 under 1 s, no dropped frame and every segment back. An unreported warm-up step
 * (up to 100 streams, 8 s) comes first; the first row (one stream) is the baseline of the same run.
 * Writes {@code benchmarks/results/voice.md}.
 *
 * <p>Arguments (all optional): {@code steps=1,50,100,200,300,400 seconds=20 latency-ms=250
 * keep-going=false} (keep-going runs every step even after one failed).
 */
public final class VoiceBench {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int RATE = 16000;
  private static final int FRAME_MS = 20;
  private static final int UTTERANCE_MS = 1000;
  private static final int PAUSE_MS = 1000;
  private static final double[] VOICES = {250, 300, 400, 450, 700, 900};

  private VoiceBench() {}

  record Step(
      int streams,
      int segmentsExpected,
      int segmentsReceived,
      double p50,
      double p90,
      double p99,
      double max,
      double serverP99,
      long dropped,
      int maxClientBacklog,
      double cpu,
      double load,
      int sttConnections,
      int warnings,
      int failedStreams) {

    boolean passed() {
      return p99 < 1000
          && dropped == 0
          && segmentsReceived == segmentsExpected
          && failedStreams == 0;
    }
  }

  public static void main(String[] args) throws Exception {
    int[] steps = {1, 50, 100, 200, 300, 400};
    int seconds = 20;
    int latencyMs = 250;
    boolean keepGoing = false;
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      switch (kv[0]) {
        case "steps" ->
            steps = Arrays.stream(kv[1].split(",")).mapToInt(Integer::parseInt).toArray();
        case "seconds" -> seconds = Integer.parseInt(kv[1]);
        case "latency-ms" -> latencyMs = Integer.parseInt(kv[1]);
        case "keep-going" -> keepGoing = Boolean.parseBoolean(kv[1]);
        default -> throw new IllegalArgumentException("Unknown argument " + arg);
      }
    }
    int maxStreams = Arrays.stream(steps).max().orElse(1);
    FakeDeepgram deepgram = new FakeDeepgram("bench-dg").finalLatency(Duration.ofMillis(latencyMs));
    FakeBudai budai = new FakeBudai().key("bench-key", "1");
    for (int i = 0; i < maxStreams; i++) {
      budai.meeting(String.valueOf(500_000 + i), "1");
    }
    System.setProperty("server.port", "0");
    System.setProperty("spring.data.redis.url", TestInfrastructure.redisUrl());
    System.setProperty("budai.internal-token", TestInfrastructure.INTERNAL_TOKEN);
    System.setProperty("logging.level.root", "WARN");
    System.setProperty("budai.voice.stt.engine", "deepgram");
    System.setProperty("budai.voice.stt.deepgram.api-key", "bench-dg");
    System.setProperty("budai.voice.stt.deepgram.url", deepgram.url().toString());
    System.setProperty("budai.voice.services.admin-url", budai.url());
    System.setProperty("budai.voice.services.collector-url", budai.url());
    System.setProperty("budai.voice.audio.max-streams", String.valueOf(maxStreams + 10));
    List<Step> results = new ArrayList<>();
    try (ConfigurableApplicationContext context =
        new SpringApplication(VoiceRealtimeServiceApplication.class).run()) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      MeterRegistry meters = context.getBean(MeterRegistry.class);
      // JIT warm-up, not reported: the first seconds of a cold JVM would only measure the compiler
      Step warmup = step(port, meters, deepgram, Math.min(100, maxStreams), 8);
      System.out.printf(
          Locale.ROOT, "warm-up: %d streams, p99=%.0f%n", warmup.streams(), warmup.p99());
      for (int n : steps) {
        Step step = step(port, meters, deepgram, n, seconds);
        results.add(step);
        System.out.printf(
            Locale.ROOT,
            "N=%d p50=%.0f p99=%.0f max=%.0f server-p99=%.0f dropped=%d segments=%d/%d cpu=%.0f%%"
                + " load=%.1f stt-connections=%d warnings=%d %s%n",
            n,
            step.p50(),
            step.p99(),
            step.max(),
            step.serverP99(),
            step.dropped(),
            step.segmentsReceived(),
            step.segmentsExpected(),
            step.cpu() * 100,
            step.load(),
            step.sttConnections(),
            step.warnings(),
            step.passed() ? "PASS" : "FAIL");
        if (!step.passed() && n > 1 && !keepGoing) {
          break;
        }
      }
    } finally {
      deepgram.close();
      budai.close();
    }
    String report = report(results, seconds, latencyMs);
    System.out.println(report);
    Path out = root().resolve("benchmarks/results/voice.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.exit(0);
  }

  /** One client stream and what it observed. */
  private static final class Client implements WebSocket.Listener {
    final int index;
    final List<byte[]> frames;
    final CountDownLatch started = new CountDownLatch(1);
    final CompletableFuture<JsonNode> stopped = new CompletableFuture<>();
    final ConcurrentLinkedQueue<Double> latencies;
    final AtomicInteger finals = new AtomicInteger();
    final AtomicInteger warnings = new AtomicInteger();
    final StringBuilder text = new StringBuilder();
    volatile long startNanos;
    volatile WebSocket socket;
    CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);
    int next;
    int backlog;
    int maxBacklog;

    Client(int index, List<byte[]> frames, ConcurrentLinkedQueue<Double> latencies) {
      this.index = index;
      this.frames = frames;
      this.latencies = latencies;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonNode message = JSON.readTree(text.toString());
        text.setLength(0);
        long now = System.nanoTime();
        switch (message.path("type").asString("")) {
          case "started" -> started.countDown();
          case "transcript" -> {
            for (JsonNode segment : message.path("segments")) {
              if (segment.path("completed").asBoolean()) {
                finals.incrementAndGet();
                double end = segment.path("end").asDouble();
                latencies.add((now - startNanos - end * 1e9) / 1e6);
              }
            }
          }
          case "stopped" -> stopped.complete(message);
          case "warning" -> warnings.incrementAndGet();
          default -> {}
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
      stopped.complete(null);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      stopped.complete(null);
    }

    /** Sends the next frame; returns false after the last one. */
    synchronized boolean tick() {
      if (next >= frames.size()) {
        return false;
      }
      if (next == 0) {
        startNanos = System.nanoTime();
      }
      byte[] frame = frames.get(next++);
      backlog++;
      maxBacklog = Math.max(maxBacklog, backlog);
      sending =
          sending.thenCompose(
              ignored ->
                  socket
                      .sendBinary(ByteBuffer.wrap(frame), true)
                      .whenComplete((ws, e) -> decrement()));
      return true;
    }

    private synchronized void decrement() {
      backlog--;
    }
  }

  private static Step step(
      int port, MeterRegistry meters, FakeDeepgram deepgram, int n, int seconds) throws Exception {
    int connectionsBefore = deepgram.connections().size();
    byte[] silence = new byte[RATE * FRAME_MS / 1000 * 2];
    ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
    List<Client> clients = new ArrayList<>();
    int expected = 0;
    for (int i = 0; i < n; i++) {
      byte[] voice = toneFrame(VOICES[i % VOICES.length]);
      List<byte[]> frames = new ArrayList<>();
      int offsetMs = (i * 137) % 2000;
      for (int t = 0; t < offsetMs; t += FRAME_MS) {
        frames.add(silence);
      }
      int utterances = Math.max(1, (seconds * 1000 - offsetMs) / (UTTERANCE_MS + PAUSE_MS));
      for (int u = 0; u < utterances; u++) {
        for (int t = 0; t < UTTERANCE_MS; t += FRAME_MS) {
          frames.add(voice);
        }
        for (int t = 0; t < PAUSE_MS; t += FRAME_MS) {
          frames.add(silence);
        }
      }
      expected += utterances;
      clients.add(new Client(i, frames, latencies));
    }
    List<HttpClient> https = new ArrayList<>();
    for (int i = 0; i < Math.max(1, n / 50); i++) {
      https.add(HttpClient.newHttpClient());
    }
    for (Client client : clients) {
      client.socket =
          https
              .get(client.index % https.size())
              .newWebSocketBuilder()
              .header(BudaiHeaders.API_KEY, "bench-key")
              .buildAsync(
                  URI.create(
                      "ws://127.0.0.1:"
                          + port
                          + "/ws/audio?sample_rate=16000&speaker=S"
                          + client.index
                          + "&meeting_id="
                          + (500_000 + client.index)),
                  client)
              .get(30, TimeUnit.SECONDS);
    }
    for (Client client : clients) {
      if (!client.started.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Stream " + client.index + " did not start");
      }
    }
    Timer timer = meters.find("voice.stt.latency").timer();
    CountAtBucket[] before =
        timer == null ? new CountAtBucket[0] : timer.takeSnapshot().histogramCounts();
    long countBefore = timer == null ? 0 : timer.count();
    double droppedBefore = dropped(meters);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long wallBefore = System.nanoTime();
    double loadBefore = os.getSystemLoadAverage();

    ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
    CountDownLatch done = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger(n);
    ScheduledFuture<?> ticking =
        pacer.scheduleAtFixedRate(
            () -> {
              int active = 0;
              for (Client client : clients) {
                if (client.tick()) {
                  active++;
                }
              }
              running.set(active);
              if (active == 0) {
                done.countDown();
              }
            },
            0,
            FRAME_MS,
            TimeUnit.MILLISECONDS);
    done.await(seconds + 60L, TimeUnit.SECONDS);
    ticking.cancel(false);
    pacer.shutdown();
    AtomicLong droppedByClients = new AtomicLong();
    int failed = 0;
    for (Client client : clients) {
      client.sending.join();
      client.socket.sendText("{\"type\":\"stop\"}", true).join();
    }
    for (Client client : clients) {
      JsonNode stopped = client.stopped.get(60, TimeUnit.SECONDS);
      if (stopped == null) {
        failed++;
      } else {
        droppedByClients.addAndGet(stopped.path("dropped_frames").asLong());
      }
    }
    double cpu =
        (os.getProcessCpuTime() - cpuBefore)
            / (double) (System.nanoTime() - wallBefore)
            / Runtime.getRuntime().availableProcessors();
    for (Client client : clients) {
      client.socket.abort();
    }
    if (timer == null) {
      timer = meters.find("voice.stt.latency").timer();
    }
    double serverP99 =
        timer == null
            ? 0
            : p99(before, timer.takeSnapshot().histogramCounts(), timer.count() - countBefore);
    double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int received = clients.stream().mapToInt(c -> c.finals.get()).sum();
    long dropped = Math.max(droppedByClients.get(), (long) (dropped(meters) - droppedBefore));
    return new Step(
        n,
        expected,
        received,
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1],
        serverP99,
        dropped,
        clients.stream().mapToInt(c -> c.maxBacklog).max().orElse(0),
        cpu,
        Math.max(loadBefore, os.getSystemLoadAverage()),
        deepgram.connections().size() - connectionsBefore,
        clients.stream().mapToInt(c -> c.warnings.get()).sum(),
        failed);
  }

  /** One 20 ms frame of a tone whose period divides 20 ms, so repeating it is seamless. */
  private static byte[] toneFrame(double hz) {
    int samples = RATE * FRAME_MS / 1000;
    byte[] frame = new byte[samples * 2];
    for (int i = 0; i < samples; i++) {
      short s = (short) Math.round(Math.sin(2 * Math.PI * hz * i / RATE) * 0.35 * 32767);
      frame[2 * i] = (byte) s;
      frame[2 * i + 1] = (byte) (s >> 8);
    }
    return frame;
  }

  private static double dropped(MeterRegistry meters) {
    var counter = meters.find("voice.audio.frames.dropped").counter();
    return counter == null ? 0 : counter.count();
  }

  /**
   * p99 in ms of the observations between two snapshots of a percentile histogram (the upper bound
   * of the bucket it falls in). Buckets are made cumulative first if the registry keeps them per
   * bucket.
   */
  private static double p99(CountAtBucket[] before, CountAtBucket[] after, double count) {
    if (count <= 0 || after.length == 0) {
      return 0;
    }
    double[] a = cumulative(after);
    double[] b = before.length == after.length ? cumulative(before) : new double[after.length];
    for (int i = 0; i < after.length; i++) {
      if (a[i] - b[i] >= count * 0.99) {
        return after[i].bucket(TimeUnit.MILLISECONDS);
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static double[] cumulative(CountAtBucket[] buckets) {
    double[] counts = new double[buckets.length];
    boolean monotonic = true;
    for (int i = 0; i < buckets.length; i++) {
      counts[i] = buckets[i].count();
      monotonic &= i == 0 || counts[i] >= counts[i - 1];
    }
    if (!monotonic) {
      for (int i = 1; i < counts.length; i++) {
        counts[i] += counts[i - 1];
      }
    }
    return counts;
  }

  private static double percentile(double[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static String report(List<Step> steps, int seconds, int latencyMs) {
    int best =
        steps.stream()
            .filter(s -> s.passed() && s.streams() > 1)
            .mapToInt(Step::streams)
            .max()
            .orElse(0);
    StringBuilder out = new StringBuilder();
    out.append("# voice-realtime-service: concurrent real-time audio streams\n\n");
    out.append(
        "Generated by `io.budai.voice.bench.VoiceBench` on %s (%d cores, one JVM: service, fake Deepgram and clients share the machine; loopback only). Command (from the repository root):\n\n"
            .formatted(
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors()));
    out.append(
        """
        ```bash
        ./mvnw -B -q -pl voice-realtime-service -am test-compile dependency:build-classpath \\
            -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
        java -cp voice-realtime-service/target/test-classes:voice-realtime-service/target/classes:$(cat voice-realtime-service/target/cp.txt) \\
            io.budai.voice.bench.VoiceBench   # optional: steps=1,50,100,200,300,400 seconds=20 latency-ms=250
        ```

        """);
    out.append(
        ("Each stream: 16 kHz 16-bit mono PCM in %d ms frames at real-time pace for ~%d s, 1 s utterances (tones) and 1 s pauses, phases staggered; Deepgram engine with the default settings (VAD gating, `Finalize` on silence, endpointing 300 ms); the fake Deepgram answers each final after a fixed **%d ms**. Latency = client-observed time from sending the end of an utterance to receiving its confirmed segment (it includes the 300 ms endpointing and the fixed %d ms); server p99 = the service's own `voice.stt.latency` histogram (bucket bound). A step passes with p99 < 1 s, no dropped frame and every segment back; the ramp stops at the first failing step. An unreported warm-up step (100 streams, 8 s) runs first.\n\n")
            .formatted(FRAME_MS, seconds, latencyMs, latencyMs));
    out.append(
        "| streams | segments back | p50 ms | p90 ms | p99 ms | max ms | server p99 ms | dropped frames | Deepgram connections | warnings | max client send backlog | CPU (this process, of all cores) | machine load avg | result |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Step s : steps) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %d%s | %d/%d | %.0f | %.0f | %.0f | %.0f | ≤%.0f | %d | %d | %d | %d | %.0f%% | %.1f | %s |\n",
              s.streams(),
              s.streams() == 1 ? " (baseline)" : "",
              s.segmentsReceived(),
              s.segmentsExpected(),
              s.p50(),
              s.p90(),
              s.p99(),
              s.max(),
              s.serverP99(),
              s.dropped(),
              s.sttConnections(),
              s.warnings(),
              s.maxClientBacklog(),
              s.cpu() * 100,
              s.load(),
              s.passed() ? "pass" : "FAIL"));
    }
    out.append("\n**Maximum concurrent streams held: %d** (goal ≥ 200).\n".formatted(best));
    return out.toString();
  }

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    return dir == null ? Path.of("").toAbsolutePath() : dir;
  }
}
