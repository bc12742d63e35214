package io.budai.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.budai.test.TestInfrastructure;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput and latency of {@code GET /meetings} through the gateway (API key checked from the
 * Redis cache, identity headers, rate limit, circuit breaker) against the same trivial downstream
 * reached directly and through an nginx reverse proxy, all in one run, with wrk as the load. The
 * downstream is nginx answering a static JSON body (a JDK HttpServer when nginx is missing, then
 * without the nginx-proxy row). The gateway runs from its executable jar as its own process with
 * default JVM flags, like in production; Redis is a private server on loopback.
 *
 * <p>Opt-in: {@code -Dbench=true}; see {@code benchmarks/results/gateway.md} for the command.
 * Writes that file. Knobs: {@code -Dbench.seconds} (default 15), {@code -Dbench.connections} (64),
 * {@code -Dbench.threads} (2), {@code -Dbench.warmup} (30 s).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class GatewayBench {

  private static final String KEY = "budai_bench_0123456789abcdefghijklmnopqrstuv";
  private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
  private static final int CONNECTIONS = Integer.getInteger("bench.connections", 64);
  private static final int THREADS = Integer.getInteger("bench.threads", 2);
  private static final int WARMUP = Integer.getInteger("bench.warmup", 30);

  /** One measured row. */
  /** A target measured under saturation and under light load ({@code -c1}). */
  record Row(Result saturated, Result light) {}

  record Result(
      String target,
      double rps,
      double p50,
      double p90,
      double p99,
      long errors,
      double load,
      double cpuMicrosPerRequest) {}

  /** A gateway configuration measured. */
  record Variant(String label, List<String> arguments) {}

  static final String FULL = "gateway: API key (cached) + rate limit (leases) + breaker";
  static final String PER_REQUEST = "gateway: same, rate limit one Redis call per request";
  static final String NO_LIMIT = "gateway: API key (cached), rate limit off";

  static final List<Variant> VARIANTS =
      List.of(
          new Variant(FULL, List.of()),
          // A lease of at most one request: every request asks Redis (the design before leases).
          new Variant(PER_REQUEST, List.of("--budai.gateway.rate-limits.lease.max-share=0")),
          new Variant(NO_LIMIT, List.of("--budai.gateway.rate-limits.enabled=false")));

  private final List<AutoCloseable> cleanup = new ArrayList<>();

  @Test
  void measuresTheGatewayAgainstDirectAndNginx() throws Exception {
    Path wrk =
        executable("wrk")
            .orElseThrow(() -> new IllegalStateException("wrk is needed (apt-get install wrk)"));
    Optional<Path> nginx = executable("nginx").or(() -> executable("/usr/sbin/nginx"));
    Path work = Files.createTempDirectory("budai-gateway-bench");
    try {
      int downstreamPort = freePort();
      int proxyPort = freePort();
      long proxyPid = -1;
      if (nginx.isPresent()) {
        proxyPid = startNginx(nginx.get(), work, downstreamPort, proxyPort);
      } else {
        startJdkDownstream(downstreamPort);
      }
      int adminPort = startFakeVerify();
      List<Row> results = new ArrayList<>();
      String direct = "http://127.0.0.1:" + downstreamPort + "/meetings";
      results.add(measure(wrk, "direct (downstream alone)", direct, false));
      if (nginx.isPresent()) {
        results.add(
            measure(
                wrk,
                "nginx reverse proxy",
                "http://127.0.0.1:" + proxyPort + "/meetings",
                false,
                proxyPid));
      }
      for (Variant variant : VARIANTS) {
        int port = freePort();
        Process gateway = startGateway(work, port, downstreamPort, adminPort, variant.arguments());
        String url = "http://127.0.0.1:" + port + "/meetings";
        // One request fills the key cache; the warm-up lets the JIT compile the hot path.
        assertThat(get(url).statusCode()).isEqualTo(200);
        run(wrk, url, WARMUP, true);
        results.add(measure(wrk, variant.label(), url, true, gateway.pid()));
        gateway.destroy();
        gateway.waitFor();
      }
      String report = report(results, nginx.isPresent());
      Path out = Path.of("..", "benchmarks", "results", "gateway.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report);
      System.out.println(report);
      assertThat(results).allSatisfy(r -> assertThat(r.saturated().rps()).isPositive());
    } finally {
      for (AutoCloseable closeable : cleanup.reversed()) {
        closeable.close();
      }
    }
  }

  private Row measure(Path wrk, String target, String url, boolean withKey) throws Exception {
    return measure(wrk, target, url, withKey, -1);
  }

  /** With {@code pid} &gt; 0, also the CPU time that process spent per request while saturated. */
  private Row measure(Path wrk, String target, String url, boolean withKey, long pid)
      throws Exception {
    double load = loadAverage();
    long cpuBefore = cpuTicks(pid);
    Result saturated = parse(target, run(wrk, url, SECONDS, withKey), load);
    long cpuAfter = cpuTicks(pid);
    if (pid > 0 && cpuBefore >= 0 && cpuAfter >= 0) {
      double requests = saturated.rps() * SECONDS;
      saturated =
          new Result(
              saturated.target(),
              saturated.rps(),
              saturated.p50(),
              saturated.p90(),
              saturated.p99(),
              saturated.errors(),
              saturated.load(),
              (cpuAfter - cpuBefore) * (1_000_000.0 / TICKS_PER_SECOND) / requests);
    }
    load = loadAverage();
    Result light = parse(target, run(wrk, url, SECONDS, withKey, 1, 1), load);
    return new Row(saturated, light);
  }

  /** Linux' USER_HZ, the unit of /proc/<pid>/stat's CPU times. */
  private static final double TICKS_PER_SECOND = 100.0;

  /** utime + stime of a process in clock ticks, or -1. */
  private static long cpuTicks(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String run(Path wrk, String url, int seconds, boolean withKey)
      throws IOException, InterruptedException {
    return run(wrk, url, seconds, withKey, THREADS, CONNECTIONS);
  }

  private static String run(
      Path wrk, String url, int seconds, boolean withKey, int threads, int connections)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                wrk.toString(),
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "--timeout",
                "5s"));
    if (withKey) {
      command.addAll(List.of("-H", "X-API-Key: " + KEY));
    }
    command.add(url);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output;
  }

  static Result parse(String target, String wrk, double load) {
    double rps = number(wrk, "Requests/sec:\\s+([0-9.]+)");
    long errors = 0;
    Matcher non2xx = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)").matcher(wrk);
    if (non2xx.find()) {
      errors += Long.parseLong(non2xx.group(1));
    }
    Matcher socket =
        Pattern.compile("connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)").matcher(wrk);
    if (socket.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(socket.group(i));
      }
    }
    return new Result(
        target,
        rps,
        millis(wrk, "50%"),
        millis(wrk, "90%"),
        millis(wrk, "99%"),
        errors,
        load,
        Double.NaN);
  }

  private static double millis(String wrk, String percentile) {
    Matcher m =
        Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(wrk);
    if (!m.find()) {
      throw new IllegalStateException("No " + percentile + " in wrk output:\n" + wrk);
    }
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000.0;
      case "s" -> value * 1000.0;
      default -> value;
    };
  }

  private static double number(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("No match for " + regex + " in:\n" + text);
    }
    return Double.parseDouble(m.group(1));
  }

  private String report(List<Row> rows, boolean withNginx) {
    Row direct = rows.getFirst();
    Row proxy = withNginx ? rows.get(1) : null;
    Row gateway =
        rows.stream().filter(r -> r.saturated().target().equals(FULL)).findFirst().orElseThrow();
    StringBuilder md = new StringBuilder();
    md.append("# gateway-service: throughput and added latency\n\n")
        .append("Generated by `io.budai.gateway.bench.GatewayBench` on ")
        .append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        .append(" (")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, Java ")
        .append(System.getProperty("java.version"))
        .append("; wrk, nginx, Redis, the gateway and its downstream share the machine with other")
        .append(" engineers' builds — see the load average column; loopback only). Command (from")
        .append(" the repository root):\n\n")
        .append("```bash\n")
        .append("./mvnw -B -q -pl gateway-service -am package -DskipTests && \\\n")
        .append(
            "./mvnw -B -q -pl gateway-service -am verify -Dtest=GatewayBench -Dbench=true"
                + " -Dsurefire.failIfNoSpecifiedTests=false\n")
        .append("```\n\n")
        .append("`GET /meetings` (the gateway rows with `X-API-Key`), each target ")
        .append(SECONDS)
        .append(" s saturated (`wrk -t")
        .append(THREADS)
        .append(" -c")
        .append(CONNECTIONS)
        .append("`) and ")
        .append(SECONDS)
        .append(" s at light load (`wrk -t1 -c1`, one request at a time: latency = service time,")
        .append(" no queueing); each gateway gets a ")
        .append(WARMUP)
        .append(" s warm-up first. Downstream: ")
        .append(
            withNginx
                ? "nginx (one process, one worker) returning a static JSON body; the nginx proxy is"
                    + " a second such process"
                : "a JDK HttpServer (nginx missing)")
        .append(
            ". The gateway runs from its jar with default JVM flags (`-Xmx512m`), checks the key")
        .append(" against its cache (Redis `budai:apikey:<sha256>` + 500 ms in memory), strips and")
        .append(
            " re-issues identity headers, applies the rate limit (the shared GCRA limit in Redis,")
        .append(" spent through replica-local leases; limit set out of reach) and the per-service")
        .append(" circuit breaker. The second gateway row makes every request a Redis call, as")
        .append(" before leases. `proxy CPU` is the proxy process' CPU time (user + system,")
        .append(
            " from /proc; for nginx its single worker) per request while saturated: it depends less on what else the")
        .append(" machine runs than req/s does.\n\n")
        .append("## Throughput (saturated)\n\n")
        .append(
            "| target | req/s | p50 ms | p90 ms | p99 ms | errors | load avg | proxy CPU µs/req"
                + " |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    rows.forEach(r -> md.append(saturatedLine(r.saturated())));
    md.append("\n## Latency at light load (one connection)\n\n")
        .append("| target | req/s | p50 ms | p90 ms | p99 ms | errors | load avg |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    rows.forEach(r -> md.append(line(r.light())));
    md.append("\n## Ratios (gateway with rate limit)\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- gateway / direct: %.1f%% of the req/s%n",
            100 * gateway.saturated().rps() / direct.saturated().rps()));
    if (proxy != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "- gateway / nginx proxy: %.1f%% of the req/s (goal ≥ 60%%: %s)%n",
              100 * gateway.saturated().rps() / proxy.saturated().rps(),
              gateway.saturated().rps() >= 0.6 * proxy.saturated().rps() ? "met" : "NOT met"));
    }
    double added = gateway.light().p99() - direct.light().p99();
    String verdict;
    if (direct.light().p99() >= 2) {
      verdict =
          String.format(
              Locale.ROOT,
              "inconclusive — the direct call's own p99 is %.2f ms at this machine load",
              direct.light().p99());
    } else {
      verdict = added < 2 ? "met" : "NOT met";
    }
    md.append(
        String.format(
            Locale.ROOT,
            "- added over the direct call at light load: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms (goal"
                + " p99 < 2 ms: %s)%n",
            gateway.light().p50() - direct.light().p50(),
            gateway.light().p90() - direct.light().p90(),
            added,
            verdict));
    if (proxy != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "- nginx proxy adds, for comparison: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
              proxy.light().p50() - direct.light().p50(),
              proxy.light().p90() - direct.light().p90(),
              proxy.light().p99() - direct.light().p99()));
    }
    Row noLimit =
        rows.stream()
            .filter(r -> r.saturated().target().equals(NO_LIMIT))
            .findFirst()
            .orElseThrow();
    Row perRequest =
        rows.stream()
            .filter(r -> r.saturated().target().equals(PER_REQUEST))
            .findFirst()
            .orElseThrow();
    md.append("\n## Reading the numbers\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "- Rate limit spent through leases: %.0f req/s (%.0f µs CPU/request); one Redis"
                    + " call per request: %.0f req/s (%.0f µs); no rate limit: %.0f req/s (%.0f"
                    + " µs).%n",
                gateway.saturated().rps(),
                gateway.saturated().cpuMicrosPerRequest(),
                perRequest.saturated().rps(),
                perRequest.saturated().cpuMicrosPerRequest(),
                noLimit.saturated().rps(),
                noLimit.saturated().cpuMicrosPerRequest()));
    if (proxy != null && !Double.isNaN(proxy.saturated().cpuMicrosPerRequest())) {
      md.append(
          String.format(
              Locale.ROOT,
              "- CPU per proxied request: nginx %.1f µs, the gateway %.0f µs (%.0f×). On a"
                  + " saturated machine whose cores are shared with the load generator and the"
                  + " downstream, req/s follows that cost.%n",
              proxy.saturated().cpuMicrosPerRequest(),
              gateway.saturated().cpuMicrosPerRequest(),
              gateway.saturated().cpuMicrosPerRequest() / proxy.saturated().cpuMicrosPerRequest()));
    }
    md.append(
            String.format(
                Locale.ROOT,
                "- Load average while the gateway rows ran: %.1f–%.1f on %d cores (nginx and direct"
                    + " rows: %.1f–%.1f); p99 values at that load mostly measure the machine's"
                    + " scheduling, the p50 column the gateway's own cost.%n",
                Math.min(gateway.saturated().load(), noLimit.saturated().load()),
                Math.max(gateway.light().load(), noLimit.light().load()),
                Runtime.getRuntime().availableProcessors(),
                direct.saturated().load(),
                proxy == null ? direct.light().load() : proxy.light().load()))
        .append(
            "- wrk, nginx, Redis and the gateway share the cores: the JVM gateway competes with its"
                + " own load generator. The gateway keeps no state of its own (keys, limits and"
                + " breakers' inputs live in Redis or are per replica), so throughput scales with"
                + " replicas.\n");
    return md.toString();
  }

  private static String saturatedLine(Result r) {
    String line = line(r);
    return line.substring(0, line.length() - System.lineSeparator().length())
        + (Double.isNaN(r.cpuMicrosPerRequest())
            ? " — |"
            : String.format(Locale.ROOT, " %.0f |", r.cpuMicrosPerRequest()))
        + System.lineSeparator();
  }

  private static String line(Result r) {
    return String.format(
        Locale.ROOT,
        "| %s | %.0f | %.2f | %.2f | %.2f | %d | %.1f |%n",
        r.target(),
        r.rps(),
        r.p50(),
        r.p90(),
        r.p99(),
        r.errors(),
        r.load());
  }

  /**
   * Two single-process nginx (no master, one worker each): the downstream, and the reverse proxy in
   * front of it, so the proxy's own CPU time can be read. Returns the proxy's pid.
   */
  private long startNginx(Path nginx, Path work, int downstreamPort, int proxyPort)
      throws Exception {
    startNginx(
        nginx,
        work.resolve("nginx-downstream"),
        """
        server {
          listen 127.0.0.1:%d;
          location / { default_type application/json; return 200 '{"meetings":[]}'; }
        }
        """
            .formatted(downstreamPort));
    long proxy =
        startNginx(
            nginx,
            work.resolve("nginx-proxy"),
            """
            upstream downstream { server 127.0.0.1:%d; keepalive 64; }
            server {
              listen 127.0.0.1:%d;
              location / {
                proxy_pass http://downstream;
                proxy_http_version 1.1;
                proxy_set_header Connection "";
              }
            }
            """
                .formatted(downstreamPort, proxyPort));
    awaitHttp("http://127.0.0.1:" + downstreamPort + "/meetings");
    awaitHttp("http://127.0.0.1:" + proxyPort + "/meetings");
    return proxy;
  }

  private long startNginx(Path nginx, Path dir, String servers) throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    String conf =
        """
        worker_processes 1;
        master_process off;
        daemon off;
        pid %1$s/nginx.pid;
        error_log %1$s/nginx-error.log;
        events { worker_connections 4096; }
        http {
          access_log off;
          client_body_temp_path %2$s; proxy_temp_path %2$s; fastcgi_temp_path %2$s;
          uwsgi_temp_path %2$s; scgi_temp_path %2$s;
        %3$s
        }
        """
            .formatted(dir, tmp, servers);
    Path file = dir.resolve("nginx.conf");
    Files.writeString(file, conf);
    Process process =
        new ProcessBuilder(nginx.toString(), "-c", file.toString(), "-p", dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    cleanup.add(
        () -> {
          process.destroy();
          process.waitFor();
        });
    return process.pid();
  }

  private void startJdkDownstream(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    byte[] body = "{\"meetings\":[]}".getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    cleanup.add(() -> server.stop(0));
  }

  /** admin-service's key verification, answering for the bench key (called once: then cached). */
  private int startFakeVerify() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    byte[] body =
        "{\"user_id\":1,\"token_id\":1,\"scopes\":[\"bot\",\"tx\"],\"expires_at\":null}"
            .getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/internal/auth/verify",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    cleanup.add(() -> server.stop(0));
    return server.getAddress().getPort();
  }

  private Process startGateway(
      Path work, int port, int downstreamPort, int adminPort, List<String> arguments)
      throws Exception {
    Path jar =
        findJar()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Build the gateway jar first: ./mvnw -pl gateway-service -am package"
                            + " -DskipTests"));
    String downstream = "http://127.0.0.1:" + downstreamPort;
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                jar.toString(),
                "--budai.gateway.rate-limits.classes.user.requests=1000000000",
                "--logging.level.root=WARN"));
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("gateway-" + port + ".log").toFile());
    Map<String, String> env = builder.environment();
    env.put("PORT", String.valueOf(port));
    env.put("REDIS_URL", TestInfrastructure.redisUrl());
    env.put("BUDAI_INTERNAL_TOKEN", TestInfrastructure.INTERNAL_TOKEN);
    env.put("BUDAI_ADMIN_SERVICE_URL", "http://127.0.0.1:" + adminPort);
    env.put("BUDAI_TRANSCRIPTION_COLLECTOR_URL", downstream);
    Process process = builder.start();
    cleanup.add(
        () -> {
          process.destroy();
          process.waitFor();
        });
    awaitHttp("http://127.0.0.1:" + port + "/actuator/health/liveness");
    return process;
  }

  private static Optional<Path> findJar() throws IOException {
    Path target = Path.of("target");
    if (!Files.isDirectory(target)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().matches("gateway-service-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
          .findFirst();
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("X-API-Key", KEY)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void awaitHttp(String url) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (get(url).statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        // still starting
      }
      Thread.sleep(200); // polling a child process's start-up, not a test assertion
    }
    throw new IllegalStateException(url + " did not come up");
  }

  private static Optional<Path> executable(String name) {
    if (name.startsWith("/")) {
      return Files.isExecutable(Path.of(name)) ? Optional.of(Path.of(name)) : Optional.empty();
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
