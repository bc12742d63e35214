package io.budai.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.deploy.BudaiCli;
import io.budai.deploy.config.CliContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The product end to end, once: {@code budai up} starts the real fleet (ten service jars, a private
 * Redis and PostgreSQL, no Slack, SMTP or OpenAI configured, so the outboxes and the offline
 * engines are used), and a user drives it through the gateway only — an admin creates them and
 * mints their API key, they send a simulated bot that replays a short meeting, and then the meeting
 * completes, its transcript holds every turn in order, search finds it, the orchestrator's workflow
 * completes, exactly one follow-up lands in Slack's outbox naming a real speaker as an action
 * item's owner, and the follow-up email lands in the email outbox. {@code budai down} leaves no
 * process behind.
 */
class MeetingToFollowupIT {

  /** The repository root: surefire runs in the module directory. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The Slack channel of posts that name none: the follow-up's destination here. */
  private static final String CHANNEL = "C0SYSTEST";

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

  /** The meeting the bot replays: two speakers, a decision and two commitments. */
  private static final List<Turn> TURNS =
      List.of(
          new Turn(
              "Alice Chen",
              "Good morning everyone, let's review the launch plan for the Aurora release."),
          new Turn(
              "Bob Martin",
              "The beta feedback was positive but the onboarding flow still confuses new users."),
          new Turn("Alice Chen", "We agreed to ship the Aurora release at the end of June."),
          new Turn("Bob Martin", "I will prepare the onboarding redesign mockups by Friday."),
          new Turn("Alice Chen", "I'll send the pricing report to the finance team tomorrow."),
          new Turn("Bob Martin", "Great, that covers everything for today. Thanks everyone."));

  private static final Set<String> SPEAKERS = Set.of("Alice Chen", "Bob Martin");

  @TempDir Path home;
  private Map<String, String> env;
  private boolean up;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void down() {
    if (env == null) {
      return;
    }
    Cli down = cli("down", "--timeout", "20");
    if (up) {
      assertThat(down.code()).as(down.toString()).isZero();
    }
    assertThat(processesMentioning(home)).as("processes left behind after budai down").isEmpty();
  }

  @Test
  void aReplayedMeetingIsTranscribedSearchableSummarizedAndFollowedUp() throws Exception {
    env = new HashMap<>(System.getenv());
    // Nothing of the developer's shell may point the fleet elsewhere or configure real services.
    env.keySet()
        .removeIf(
            key ->
                key.matches("BUDAI_.*|REDIS_URL|DATABASE_URL|ADMIN_API_TOKEN|SPRING_.*")
                    || key.matches("(SLACK|SMTP|OPENAI|RECALL|DEEPGRAM|LLM|ORCHESTRATOR|BOT)_.*"));
    env.put("BUDAI_HOME", home.toString());
    env.put("BUDAI_CDS", "false");
    env.put("ORCHESTRATOR_FOLLOWUP_DELAY", "0");
    env.put("SLACK_DEFAULT_CHANNEL", CHANNEL);

    Cli start = cli("up", "--no-build", "--timeout", "420");
    up = start.code() == 0;
    assertThat(start.code()).as("budai up\n" + start + logTails()).isZero();
    assertThat(start.out()).contains("BudAI is up: 10/10 services healthy");

    Cli fleetEnv = cli("env");
    assertThat(fleetEnv.code()).as(fleetEnv.toString()).isZero();
    Map<String, String> fleet = new LinkedHashMap<>();
    fleetEnv
        .out()
        .lines()
        .filter(line -> line.contains("="))
        .forEach(
            line ->
                fleet.put(
                    line.substring(0, line.indexOf('=')),
                    line.substring(line.indexOf('=') + 1).replaceAll("^'|'$", "")));
    String gateway = fleet.get("BUDAI_GATEWAY_URL");
    String admin = fleet.get("ADMIN_API_TOKEN");
    String internal = fleet.get("BUDAI_INTERNAL_TOKEN");
    assertThat(gateway).as("budai env\n" + fleetEnv.out()).isNotBlank();

    // An operator creates the user and mints their key (scopes bot and tx), through the gateway.
    String email = "e2e-" + System.nanoTime() + "@example.com";
    JsonNode user =
        expect(
            201,
            send(
                post(gateway + "/admin/users", Map.of("email", email, "name", "Erin Owner"))
                    .header("X-Admin-API-Key", admin)));
    long userId = user.path("id").asLong();
    JsonNode token =
        expect(
            201,
            send(
                post(
                        gateway + "/admin/users/" + userId + "/tokens",
                        Map.of("scopes", List.of("bot", "tx"), "name", "system-test"))
                    .header("X-Admin-API-Key", admin)));
    String apiKey = token.path("token").asString();
    assertThat(apiKey).isNotBlank();

    // The user sends a simulated bot replaying the meeting, fast.
    String nativeId = meetCode();
    List<Map<String, Object>> segments = new ArrayList<>();
    TURNS.forEach(t -> segments.add(Map.of("speaker", t.speaker(), "text", t.text())));
    Map<String, Object> bot = new LinkedHashMap<>();
    bot.put("platform", "google_meet");
    bot.put("native_meeting_id", nativeId);
    bot.put("bot_name", "BudAI system test");
    bot.put("language", "en");
    bot.put("automatic_leave", Map.of("max_time_left_alone", 2000));
    bot.put("replay", Map.of("segments", segments, "speed", 50, "admission_delay_ms", 200));
    JsonNode requested =
        expect(201, send(post(gateway + "/bots", bot).header("X-API-Key", apiKey)));
    String meetingId = requested.path("id").asString();
    assertThat(meetingId).as("POST /bots answer %s", requested).isNotBlank();
    Instant sent = Instant.now();

    // The meeting completes.
    JsonNode meeting =
        waitFor(
            "meeting " + meetingId + " to be completed (GET /meetings)",
            Duration.ofMinutes(3),
            () -> {
              JsonNode list =
                  expect(
                      200,
                      send(
                          get(gateway + "/meetings?native_meeting_id=" + nativeId)
                              .header("X-API-Key", apiKey)));
              return stream(list.path("meetings"))
                  .filter(m -> m.path("id").asString().equals(meetingId))
                  .filter(m -> m.path("status").asString().equals("completed"))
                  .findFirst()
                  .orElse(null);
            });
    assertThat(meeting.path("platform").asString()).isEqualTo("google_meet");
    Duration meetingTook = Duration.between(sent, Instant.now());

    // Its transcript holds every turn, in order, with its speaker.
    waitFor(
        "the transcript of " + nativeId + " to hold every turn in order",
        Duration.ofMinutes(1),
        () -> {
          JsonNode transcript =
              expect(
                  200,
                  send(
                      get(gateway + "/transcripts/google_meet/" + nativeId)
                          .header("X-API-Key", apiKey)));
          List<Turn> got =
              stream(transcript.path("segments"))
                  .map(s -> new Turn(s.path("speaker").asString(), s.path("text").asString()))
                  .filter(t -> !t.text().isBlank())
                  .toList();
          return got.equals(TURNS) ? got : null;
        });

    // Search finds a phrase of it.
    JsonNode hit =
        waitFor(
            "/search to find 'onboarding redesign mockups'",
            Duration.ofMinutes(1),
            () -> {
              JsonNode found =
                  expect(
                      200,
                      send(
                          get(gateway + "/search?q=" + encode("onboarding redesign mockups"))
                              .header("X-API-Key", apiKey)));
              return stream(found.path("results"))
                  .filter(r -> r.path("meeting_id").asString().equals(meetingId))
                  .findFirst()
                  .orElse(null);
            });
    assertThat(hit.path("speaker").asString()).isEqualTo("Bob Martin");

    // The orchestrator's meeting workflow completes (summary, follow-up, delivery).
    JsonNode workflow =
        waitFor(
            "the workflow of meeting " + meetingId + " to be completed (GET /workflows)",
            Duration.ofMinutes(3),
            () -> {
              JsonNode list =
                  expect(
                      200,
                      send(
                          get(gateway + "/workflows?meeting_id=" + meetingId)
                              .header("X-API-Key", apiKey)));
              JsonNode first = stream(list.path("workflows")).findFirst().orElse(null);
              if (first != null && first.path("status").asString().equals("failed")) {
                throw new AssertionError("the workflow failed: " + first);
              }
              return first != null && first.path("status").asString().equals("completed")
                  ? first
                  : null;
            });
    assertThat(workflow.path("kind").asString()).isEqualTo("meeting");
    Duration workflowTook = Duration.between(sent, Instant.now());

    // Exactly one follow-up in Slack's outbox (no Slack configured), to the default channel,
    // naming a real speaker as an action item's owner.
    String slack = fleet.get("BUDAI_SLACK_INTEGRATION_SERVICE_URL");
    List<JsonNode> posts =
        stream(
                expect(
                        200,
                        send(
                            get(slack + "/outbox?limit=1000").header("X-Internal-Token", internal)))
                    .path("items"))
            .filter(item -> item.toString().contains(meetingId))
            .toList();
    assertThat(posts)
        .as("slack-integration's outbox entries about meeting %s", meetingId)
        .hasSize(1);
    String post = posts.getFirst().toString();
    assertThat(post).contains(CHANNEL);
    assertThat(post).contains("*Action items*");
    assertThat(SPEAKERS.stream().filter(speaker -> post.contains("— *" + speaker + "*")))
        .as("an action item owned by a speaker, in %s", post)
        .isNotEmpty();

    // The follow-up email in followup-agent's outbox (no SMTP configured), to the meeting's owner.
    String followup = fleet.get("BUDAI_FOLLOWUP_AGENT_URL");
    JsonNode mail =
        waitFor(
            "the follow-up email of meeting " + meetingId + " in followup-agent's outbox",
            Duration.ofSeconds(30),
            () ->
                stream(
                        expect(
                            200,
                            send(
                                get(followup + "/outbox?limit=500")
                                    .header("X-Internal-Token", internal))))
                    .filter(m -> m.path("meeting_id").asString().equals(meetingId))
                    .findFirst()
                    .orElse(null));
    assertThat(stream(mail.path("to")).map(JsonNode::asString)).containsExactly(email);
    assertThat(mail.path("text").asString()).contains("Aurora");

    System.out.printf(
        "system test: meeting completed %s s and its follow-up delivered %s s after POST /bots%n",
        meetingTook.toMillis() / 1000.0, workflowTook.toMillis() / 1000.0);
  }

  // ------------------------------------------------------------------------------------ support

  private record Turn(String speaker, String text) {}

  private record Cli(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  private Cli cli(String... args) {
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

  /**
   * Polls {@code probe} until it answers non-null; on time-out fails with what it waited for, the
   * probe's last error and the tails of the services' logs.
   */
  private <T> T waitFor(String what, Duration atMost, Callable<T> probe) {
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
          "Timed out after " + atMost + " waiting for " + what + lastError(last[0]) + logTails(),
          e);
    }
  }

  private static String lastError(Object error) {
    return error == null ? "" : "\nlast error: " + error;
  }

  /** The last lines of every service log on the chain, for failure messages. */
  private String logTails() {
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

  private static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
  }

  private static HttpRequest.Builder post(String url, Object body) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode expect(int status, HttpResponse<String> response) {
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

  private static Stream<JsonNode> stream(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A fresh Google Meet code ({@code abc-defg-hij}), so reruns never meet an earlier meeting. */
  private static String meetCode() {
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
