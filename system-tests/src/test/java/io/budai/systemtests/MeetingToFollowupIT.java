package io.budai.systemtests;

import static io.budai.systemtests.Fleet.encode;
import static io.budai.systemtests.Fleet.expect;
import static io.budai.systemtests.Fleet.get;
import static io.budai.systemtests.Fleet.meetCode;
import static io.budai.systemtests.Fleet.post;
import static io.budai.systemtests.Fleet.send;
import static io.budai.systemtests.Fleet.stream;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The product end to end, once, on the shared real fleet ({@link Fleet}: {@code budai up} with ten
 * service jars, a private Redis and PostgreSQL, no Slack, SMTP or OpenAI configured, so the
 * outboxes and the offline engines are used): a user drives it through the gateway only — an admin
 * creates them and mints their API key, they send a simulated bot that replays a short meeting, and
 * then the meeting completes, its transcript holds every turn in order, search finds it, the
 * orchestrator's workflow completes, exactly one follow-up lands in Slack's outbox naming a real
 * speaker as an action item's owner, and the follow-up email lands in the email outbox. {@code
 * budai down} at the end of the run leaves no process behind.
 */
@ExtendWith(FleetExtension.class)
class MeetingToFollowupIT {

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

  @Test
  void aReplayedMeetingIsTranscribedSearchableSummarizedAndFollowedUp(Fleet fleet)
      throws Exception {
    String gateway = fleet.gateway();
    String admin = fleet.adminToken();
    String internal = fleet.internalToken();

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
        fleet.waitFor(
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
    fleet.waitFor(
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
        fleet.waitFor(
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
        fleet.waitFor(
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
    String slack = fleet.serviceUrl("BUDAI_SLACK_INTEGRATION_SERVICE_URL");
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
    assertThat(post).contains(Fleet.CHANNEL);
    assertThat(post).contains("*Action items*");
    assertThat(SPEAKERS.stream().filter(speaker -> post.contains("— *" + speaker + "*")))
        .as("an action item owned by a speaker, in %s", post)
        .isNotEmpty();

    // The follow-up email in followup-agent's outbox (no SMTP configured), to the meeting's owner.
    String followup = fleet.serviceUrl("BUDAI_FOLLOWUP_AGENT_URL");
    JsonNode mail =
        fleet.waitFor(
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

    // The user reads both through the gateway, in their own outbox, attributed to the workflow.
    JsonNode userSlack =
        expect(
            200,
            send(
                get(gateway + "/outbox/slack?meeting_id=" + meetingId)
                    .header("X-API-Key", apiKey)));
    assertThat(userSlack.path("items")).hasSize(1);
    JsonNode userPost = userSlack.path("items").get(0);
    assertThat(userPost.path("channel").asString()).isEqualTo(Fleet.CHANNEL);
    assertThat(userPost.path("workflow_id").asString()).isEqualTo(workflow.path("id").asString());
    assertThat(userPost.path("blocks_text").asString()).contains("Action items");
    JsonNode userMail =
        expect(
            200,
            send(
                get(gateway + "/outbox/email?limit=5&meeting_id=" + meetingId)
                    .header("X-API-Key", apiKey)));
    assertThat(userMail.path("items")).hasSize(1);
    assertThat(userMail.path("items").get(0).path("workflow_id").asString())
        .isEqualTo(workflow.path("id").asString());
    assertThat(userMail.path("items").get(0).path("text").asString()).contains("Aurora");
    // Without a key the gateway refuses; a bad page size is the service's problem.
    assertThat(send(get(gateway + "/outbox/email")).statusCode()).isEqualTo(401);
    assertThat(
            send(get(gateway + "/outbox/slack?limit=0").header("X-API-Key", apiKey)).statusCode())
        .isEqualTo(400);

    System.out.printf(
        "system test: meeting completed %s s and its follow-up delivered %s s after POST /bots%n",
        meetingTook.toMillis() / 1000.0, workflowTook.toMillis() / 1000.0);
  }

  private record Turn(String speaker, String text) {}
}
