package io.budai.summarizer.bench;

import io.budai.contracts.BudaiHeaders;
import io.budai.llm.bench.QmsumMeetings;
import io.budai.llm.bench.QmsumMeetings.Meeting;
import io.budai.llm.summary.OfflineSummarizer;
import io.budai.llm.summary.SummaryInput;
import io.budai.summarizer.SummarizerAgentApplication;
import io.budai.test.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Latency of {@code POST /summarize} with the offline engine on the largest QMSum sample meeting,
 * through a real summarizer-agent on loopback, next to two baselines of the same run: the same HTTP
 * call with a two-turn transcript (the service's fixed cost) and the summarizer called in-process
 * (the algorithm alone). Writes {@code benchmarks/results/summarize-latency.md}. Bounded: 20
 * warm-up and 200 measured requests per row.
 */
public final class SummarizeLatencyBench {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int WARMUP = 20;
  private static final int RUNS = 200;

  private SummarizeLatencyBench() {}

  public static void main(String[] args) throws Exception {
    Meeting meeting =
        QmsumMeetings.load().stream().max(Comparator.comparingInt(m -> words(m))).orElseThrow();
    SpringApplication app = new SpringApplication(SummarizerAgentApplication.class);
    // system properties outrank application.yml
    System.setProperty("server.port", "0");
    System.setProperty("spring.data.redis.url", TestInfrastructure.redisUrl());
    System.setProperty("budai.internal-token", TestInfrastructure.INTERNAL_TOKEN);
    System.setProperty("logging.level.root", "WARN");
    try (ConfigurableApplicationContext context = app.run()) {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      HttpClient http = HttpClient.newHttpClient();
      String full = JSON.writeValueAsString(body(meeting));
      String tiny =
          JSON.writeValueAsString(
              Map.of(
                  "meeting_id",
                  "tiny",
                  "engine",
                  "offline",
                  "transcript",
                  List.of(
                      Map.of("speaker", "A", "text", "Let's ship the release on Friday."),
                      Map.of("speaker", "B", "text", "I'll write the release notes."))));
      double[] fullMs = measure(() -> post(http, port, full));
      double[] tinyMs = measure(() -> post(http, port, tiny));
      OfflineSummarizer summarizer = new OfflineSummarizer();
      SummaryInput input = new SummaryInput(null, "en", LocalDate.of(2026, 1, 5), meeting.turns());
      double[] inProcess = measure(() -> summarizer.summarize(input));
      String report = report(meeting, fullMs, tinyMs, inProcess);
      System.out.println(report);
      Path out = root().resolve("benchmarks/results/summarize-latency.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      System.out.println("Wrote " + out);
    }
    System.exit(0);
  }

  private interface Call {
    void run() throws Exception;
  }

  private static double[] measure(Call call) throws Exception {
    for (int i = 0; i < WARMUP; i++) {
      call.run();
    }
    double[] ms = new double[RUNS];
    for (int i = 0; i < RUNS; i++) {
      long t0 = System.nanoTime();
      call.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static void post(HttpClient http, int port, String body)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/summarize"))
                .header("Content-Type", "application/json")
                .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
  }

  private static Map<String, Object> body(Meeting m) {
    List<Map<String, Object>> turns = new ArrayList<>();
    m.turns().forEach(t -> turns.add(Map.of("speaker", t.speaker(), "text", t.text())));
    return Map.of("meeting_id", m.id(), "engine", "offline", "transcript", turns);
  }

  private static int words(Meeting m) {
    return m.turns().stream().mapToInt(t -> t.text().split("\\s+").length).sum();
  }

  private static double pct(double[] sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static String report(Meeting m, double[] full, double[] tiny, double[] inProcess) {
    StringBuilder md = new StringBuilder();
    md.append("# /summarize latency, offline engine\n\n")
        .append("Generated by `io.budai.summarizer.bench.SummarizeLatencyBench` on ")
        .append(OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS))
        .append(" (2-core machine, one client, loopback, ")
        .append(WARMUP)
        .append(" warm-up + ")
        .append(RUNS)
        .append(" measured requests per row; load average at the end: ")
        .append(loadAverage())
        .append(", so other processes shared the 2 cores). Command (from the repository root):\n\n")
        .append("```bash\n")
        .append(
            "./mvnw -B -q -pl summarizer-agent -am test-compile dependency:build-classpath \\\n"
                + "    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test\n")
        .append(
            "java -cp summarizer-agent/target/test-classes:summarizer-agent/target/classes:"
                + "$(cat summarizer-agent/target/cp.txt) \\\n"
                + "    io.budai.summarizer.bench.SummarizeLatencyBench\n")
        .append("```\n\n")
        .append("Meeting: ")
        .append(m.id())
        .append(" (")
        .append(m.turns().size())
        .append(" turns, ")
        .append(words(m))
        .append(" words), the largest sample. Goal: p50 and p99 under 1 s.\n\n")
        .append("| what | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
    row(md, "POST /summarize, full meeting (HTTP + JSON + summarizer)", full);
    row(md, "baseline: POST /summarize, two-turn transcript (service fixed cost)", tiny);
    row(md, "baseline: offline summarizer in-process, full meeting (no HTTP)", inProcess);
    return md.toString();
  }

  private static void row(StringBuilder md, String what, double[] ms) {
    md.append(
        String.format(
            Locale.ROOT,
            "| %s | %.1f | %.1f | %.1f | %.1f |%n",
            what,
            pct(ms, 50),
            pct(ms, 90),
            pct(ms, 99),
            ms[ms.length - 1]));
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("summarizer-agent/pom.xml"))) {
        return p;
      }
    }
    return Path.of("").toAbsolutePath();
  }
}
