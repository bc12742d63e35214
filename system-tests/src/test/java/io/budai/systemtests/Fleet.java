package io.budai.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.deploy.BudaiCli;
import io.budai.deploy.config.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real fleet, started once per test run with {@code budai up} and shared by every system test
 * (through {@link FleetExtension}): ten service jars, a private Redis and PostgreSQL, a temporary
 * {@code BUDAI_HOME}, nothing of Slack, SMTP, OpenAI or Recall configured (so the outboxes and the
 * offline engines are used), follow-ups delivered without delay. {@link #close()} runs {@code budai
 * down} and checks that no process is left behind.
 */
final class Fleet implements AutoCloseable {

  /** The repository root: surefire runs in the module directory. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The Slack channel of posts that name none: the follow-up's destination here. */
  static final String CHANNEL = "C0SYSTEST";

  /** Services whose log tails explain a failed wait. */
  private static final List<String> CHAIN =
      List.of(
          "gateway-service",
          "bot-manager-service",
          "transcription-collector",
          "orchestrator-service",
          "summarizer-agent",
          "followup-agent",
          "slack-integration-service");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final Path home;
  private final Map<String, String> env;
  private final Map<String, String> fleet = new LinkedHashMap<>();
  private boolean up;

  private Fleet(Path home) {
    this.home = home;
    env = new HashMap<>(System.getenv());
    // Nothing of the developer's shell may point the fleet elsewhere or configure real services.
    env.keySet()
        .removeIf(
            key ->
                key.matches("BUDAI_.*|REDIS_URL|DATABASE_URL|ADMIN_API_TOKEN|SPRING_.*")
                    || key.matches(
                        "(SLACK|SMTP|OPENAI|RECALL|FIREFLIES|DEEPGRAM|LLM|ORCHESTRATOR|BOT)_.*"));
    env.put("BUDAI_HOME", home.toString());
    env.put("BUDAI_CDS", "false");
    env.put("ORCHESTRATOR_FOLLOWUP_DELAY", "0");
    env.put("SLACK_DEFAULT_CHANNEL", CHANNEL);
  }

  /** {@code budai up}, then {@code budai env}; on failure the fleet is taken down again. */
  static Fleet start() {
    Fleet fleet;
    try {
      fleet = new Fleet(Files.createTempDirectory("budai-system-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      fleet.up();
      return fleet;
    } catch (RuntimeException | Error e) {
      try {
        fleet.close();
      } catch (RuntimeException | Error suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private void up() {
    Cli start = cli("up", "--no-build", "--timeout", "420");
    up = start.code() == 0;
    assertThat(start.code()).as("budai up\n" + start + logTails()).isZero();
    assertThat(start.out()).contains("BudAI is up: 10/10 services healthy");
    Cli fleetEnv = cli("env");
    assertThat(fleetEnv.code()).as(fleetEnv.toString()).isZero();
    fleetEnv
        .out()
        .lines()
        .filter(line -> line.contains("="))
        .forEach(
            line ->
                fleet.put(
                    line.substring(0, line.indexOf('=')),
                    line.substring(line.indexOf('=') + 1).replaceAll("^'|'$", "")));
    assertThat(gateway()).as("budai env\n" + fleetEnv.out()).isNotBlank();
  }

  /** The gateway's base URL, e.g. {@code http://127.0.0.1:8000}. */
  String gateway() {
    return fleet.get("BUDAI_GATEWAY_URL");
  }

  /** The operator's {@code X-Admin-API-Key}. */
  String adminToken() {
    return fleet.get("ADMIN_API_TOKEN");
  }

  /** The shared service secret, for reading the services' outboxes directly. */
  String internalToken() {
    return fleet.get("BUDAI_INTERNAL_TOKEN");
  }

  /** A service's own URL ({@code BUDAI_<MODULE>_URL}). */
  String serviceUrl(String variable) {
    return fleet.get(variable);
  }

  @Override
  public void close() {
    Cli down = cli("down", "--timeout", "20");
    if (up) {
      assertThat(down.code()).as(down.toString()).isZero();
    }
    assertThat(processesMentioning(home)).as("processes left behind after budai down").isEmpty();
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary directory: what cannot be removed now is the OS's to clean.
    }
  }

  // ------------------------------------------------------------------------------------ CLI

  record Cli(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  Cli cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        BudaiCli.run(
            new CliContext(
                ROOT,
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)),
            args);
    return new Cli(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  // ------------------------------------------------------------------------------------ waiting

  /**
   * Polls {@code probe} until it answers non-null; on time-out fails with what it waited for, the
   * probe's last error and the tails of the services' logs.
   */
  <T> T waitFor(String what, Duration atMost, Callable<T> probe) {
    Object[] last = {null};
    try {
      return await(what)
          .atMost(atMost)
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptionsMatching(e -> !(e instanceof AssertionError))
          .until(
              () -> {
                try {
                  return probe.call();
                } catch (AssertionError | RuntimeException e) {
                  last[0] = e;
                  throw e;
                }
              },
              value -> value != null);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "Timed out after "
              + atMost
              + " waiting for "
              + what
              + (last[0] == null ? "" : "\nlast error: " + last[0])
              + logTails(),
          e);
    }
  }

  /** The last lines of every service log on the chain, for failure messages. */
  String logTails() {
    StringBuilder tails = new StringBuilder();
    for (String service : CHAIN) {
      Path log = home.resolve("logs").resolve(service + ".log");
      tails.append("\n===== ").append(service).append(" (").append(log).append(")\n");
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        lines
            .subList(Math.max(0, lines.size() - 40), lines.size())
            .forEach(line -> tails.append(line).append('\n'));
      } catch (IOException e) {
        tails.append("(no log: ").append(e.getMessage()).append(")\n");
      }
    }
    return tails.toString();
  }

  // ------------------------------------------------------------------------------------ HTTP

  static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
  }

  static HttpRequest.Builder post(String url, Object body) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
  }

  static HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          "%s %s answered %d, expected %d: %s"
              .formatted(
                  response.request().method(),
                  response.uri(),
                  response.statusCode(),
                  status,
                  response.body()));
    }
    return JSON.readTree(response.body());
  }

  static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A fresh Google Meet code ({@code abc-defg-hij}), so reruns never meet an earlier meeting. */
  static String meetCode() {
    StringBuilder code = new StringBuilder();
    for (int length : new int[] {3, 4, 3}) {
      if (!code.isEmpty()) {
        code.append('-');
      }
      for (int i = 0; i < length; i++) {
        code.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
      }
    }
    return code.toString();
  }

  private static List<ProcessHandle> processesMentioning(Path path) {
    String needle = path.toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().commandLine().map(c -> c.contains(needle)).orElse(false))
        .toList();
  }
}
