package io.budai.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.RedisKeys;
import io.budai.contracts.UuidV7;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.FollowupDrafted;
import io.budai.contracts.events.FollowupSent;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.events.SlackCommand;
import io.budai.contracts.events.SummaryGenerated;
import io.budai.contracts.events.WorkflowStateChanged;
import io.budai.orchestrator.support.EventLog;
import io.budai.orchestrator.support.FakeAgents;
import io.budai.orchestrator.support.FakeServer;
import io.budai.orchestrator.support.Orchestrator;
import io.budai.test.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The meeting workflow end to end on one replica: real Redis, the real event bus, and fake
 * collector/agents/Slack servers on loopback; follow-up delay 0.
 */
class MeetingWorkflowIT {

  static FakeAgents agents;
  static Orchestrator orchestrator;

  @BeforeAll
  static void start() {
    agents = new FakeAgents();
    Map<String, String> props = Orchestrator.defaults(agents);
    orchestrator = Orchestrator.start(props);
    Orchestrator.clearTimers(orchestrator.redis());
  }

  @AfterAll
  static void stop() {
    orchestrator.close();
    agents.close();
  }

  static String completeMeeting(String meetingId, String userId, String slackChannel) {
    EventEnvelope<MeetingCompleted> sent =
        orchestrator
            .events()
            .publish(
                new MeetingCompleted(meetingId, userId, Instant.now(), 1800, 3, slackChannel),
                userId);
    return sent.id();
  }

  static Workflow awaitStatus(String meetingId, WorkflowStatus status) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> orchestrator.workflowOfMeeting(meetingId).orElse(null),
            wf -> wf != null && wf.status() == status);
  }

  @Test
  void meetingCompletedRunsSummaryFollowupAndDeliveryWithTheExpectedStateHistory() {
    String meetingId = "m-happy-" + UuidV7.next();
    completeMeeting(meetingId, "u-happy", "C-MEETING");

    Workflow done = awaitStatus(meetingId, WorkflowStatus.COMPLETED);

    assertThat(EventLog.stateChanges(orchestrator.redis(), done.id()))
        .extracting(
            WorkflowStateChanged::from,
            WorkflowStateChanged::to,
            WorkflowStateChanged::step,
            WorkflowStateChanged::attempt)
        .containsExactly(
            tuple(null, "pending", "summarize", 1),
            tuple("pending", "running", "summarize", 1),
            tuple("running", "waiting", "wait_followup", 1),
            tuple("waiting", "running", "followup", 1),
            tuple("running", "running", "deliver", 1),
            tuple("running", "completed", "deliver", 1));
    assertThat(EventLog.stateChanges(orchestrator.redis(), done.id()))
        .allSatisfy(
            e -> {
              assertThat(e.kind()).isEqualTo("meeting");
              assertThat(e.meetingId()).isEqualTo(meetingId);
              assertThat(e.error()).isNull();
            });
    assertThat(done.completedSteps())
        .containsExactly(Step.SUMMARIZE, Step.WAIT_FOLLOWUP, Step.FOLLOWUP, Step.DELIVER);
    assertThat(done.userId()).isEqualTo("u-happy");

    // the collector was asked for the transcript on the user's behalf, with the internal token
    FakeServer.Request transcript =
        agents.collector.requests("GET", "/internal/transcripts/" + meetingId).getFirst();
    assertThat(transcript.header(BudaiHeaders.INTERNAL_TOKEN))
        .isEqualTo(TestInfrastructure.INTERNAL_TOKEN);
    assertThat(transcript.header(BudaiHeaders.USER_ID)).isEqualTo("u-happy");
    assertThat(transcript.header(BudaiHeaders.CORRELATION_ID)).isNotBlank();

    // the summarizer got the non-blank lines with speakers, under an idempotency key of the step
    FakeServer.Request summarize =
        agents.summarizer.requests("POST", "/summarize").stream()
            .filter(r -> r.body().contains(meetingId))
            .findFirst()
            .orElseThrow();
    JsonNode summarizeBody = FakeAgentsJson.read(summarize.body());
    assertThat(summarizeBody.path("title").asString()).isEqualTo("Beta launch sync");
    assertThat(summarizeBody.path("language").asString()).isEqualTo("en");
    assertThat(summarizeBody.path("meeting_date").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
    assertThat(summarizeBody.path("transcript")).hasSize(2);
    assertThat(summarizeBody.path("transcript").get(1).path("speaker").asString()).isEqualTo("Bob");
    assertThat(summarize.header(BudaiHeaders.IDEMPOTENCY_KEY))
        .isEqualTo("workflow:" + done.id() + ":summarize");

    // the follow-up was asked for with the summary, the speakers as attendees and the meeting's
    // owner with the address admin-service has for them
    JsonNode followupBody =
        agents.followup.requests("POST", "/followup").stream()
            .map(r -> FakeAgentsJson.read(r.body()))
            .filter(b -> b.path("meeting_id").asString().equals(meetingId))
            .findFirst()
            .orElseThrow();
    assertThat(followupBody.path("summary").path("decisions").get(0).asString())
        .isEqualTo("Ship the beta on Friday");
    assertThat(followupBody.path("attendees").findValuesAsString("name"))
        .containsExactly("Alice", "Bob", "Olivia Owner");
    assertThat(followupBody.path("attendees").get(2).path("email").asString())
        .isEqualTo(FakeAgents.OWNER_EMAIL);
    assertThat(agents.admin.requests("GET", "/admin/users/" + FakeAgents.OWNER_ID)).isNotEmpty();

    // delivered once to the meeting's channel, and emailed to the attendees
    List<JsonNode> posts = agents.slackPostsOf(done.id());
    assertThat(posts).hasSize(1);
    assertThat(posts.getFirst().path("channel").asString()).isEqualTo("C-MEETING");
    assertThat(posts.getFirst().path("text").asString()).isEqualTo("Follow-up: Beta launch sync");
    assertThat(posts.getFirst().path("blocks")).hasSize(1);
    List<FakeServer.Request> emails =
        agents.followup.requests("POST", "/email/send").stream()
            .filter(r -> r.body().contains(meetingId))
            .toList();
    assertThat(emails).hasSize(1);
    assertThat(emails.getFirst().header(BudaiHeaders.IDEMPOTENCY_KEY))
        .isEqualTo("workflow:" + done.id() + ":deliver:email");

    // the results and the announcements
    assertThat(EventLog.of(orchestrator.redis(), SummaryGenerated.class))
        .filteredOn(e -> e.workflowId().equals(done.id()))
        .singleElement()
        .satisfies(e -> assertThat(e.summary().overview()).contains("beta on Friday"));
    assertThat(EventLog.of(orchestrator.redis(), FollowupDrafted.class))
        .filteredOn(e -> e.workflowId().equals(done.id()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.channels()).containsExactly("slack", "email");
              assertThat(e.emailTo()).containsExactly("alice@example.com", "bob@example.com");
            });
    assertThat(EventLog.of(orchestrator.redis(), FollowupSent.class))
        .filteredOn(e -> e.workflowId().equals(done.id()))
        .singleElement()
        .satisfies(e -> assertThat(e.channels()).containsExactly("slack", "email"));
    EventEnvelope<?> stateEvent =
        EventLog.all(orchestrator.redis()).stream()
            .filter(
                e ->
                    e.payload() instanceof WorkflowStateChanged s
                        && s.workflowId().equals(done.id()))
            .reduce((a, b) -> b)
            .orElseThrow();
    assertThat(stateEvent.userId()).isEqualTo("u-happy");
    assertThat(stateEvent.source()).isEqualTo("orchestrator-service");

    // large results live under their own keys, referenced from the hash, with the workflow's TTL
    assertThat(done.results())
        .containsOnlyKeys("summary", "followup", "delivery")
        .containsEntry("summary", RedisKeys.workflowResult(done.id(), "summary"));
    assertThat(orchestrator.redis().opsForHash().keys(RedisKeys.workflow(done.id())))
        .contains(
            "kind",
            "meeting_id",
            "status",
            "step",
            "completed_steps",
            "attempt",
            "last_error",
            "context",
            "version",
            "created_at",
            "updated_at",
            "due_at");
    assertThat(orchestrator.redis().getExpire(RedisKeys.workflow(done.id())))
        .isBetween(Duration.ofDays(7).toSeconds() - 60, Duration.ofDays(7).toSeconds());
    assertThat(orchestrator.redis().getExpire(RedisKeys.workflowResult(done.id(), "summary")))
        .isGreaterThan(Duration.ofDays(6).toSeconds());
    assertThat(orchestrator.redis().opsForZSet().score(RedisKeys.TIMERS, done.id())).isNull();

    // the owner sees it all through the API
    HttpResponse<String> response = orchestrator.get("/workflows/" + done.id(), "u-happy");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode view = Orchestrator.json(response);
    assertThat(view.path("status").asString()).isEqualTo("completed");
    assertThat(view.path("completed_steps").toString())
        .isEqualTo("[\"summarize\",\"wait_followup\",\"followup\",\"deliver\"]");
    assertThat(view.path("steps").findValuesAsString("outcome"))
        .containsExactly("succeeded", "succeeded", "succeeded");
    assertThat(view.path("steps").get(0).path("duration_ms").isNumber()).isTrue();
    assertThat(view.path("results").path("summary").path("overview").asString())
        .contains("beta on Friday");
    assertThat(view.path("results").path("delivery").path("slack").path("channel").asString())
        .isEqualTo("C-MEETING");
    assertThat(view.path("version").asLong()).isEqualTo(6);
  }

  @Test
  void duplicateMeetingCompletedStartsOneWorkflow() {
    String meetingId = "m-dup-" + UuidV7.next();
    for (int i = 0; i < 3; i++) {
      completeMeeting(meetingId, "u-dup", null);
    }
    Workflow done = awaitStatus(meetingId, WorkflowStatus.COMPLETED);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                EventLog.of(orchestrator.redis(), MeetingCompleted.class).stream()
                        .filter(e -> e.meetingId().equals(meetingId))
                        .count()
                    == 3);
    // every delivery of the event was handled by now (the bus acks after the handler)
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                orchestrator
                        .redis()
                        .opsForStream()
                        .pending(io.budai.contracts.BudaiStreams.EVENTS, "orchestrator-service")
                        .getTotalPendingMessages()
                    == 0);
    assertThat(
            EventLog.of(orchestrator.redis(), WorkflowStateChanged.class).stream()
                .filter(e -> meetingId.equals(e.meetingId()) && e.from() == null)
                .toList())
        .hasSize(1);
    assertThat(agents.summarizeCalls(meetingId)).isEqualTo(1);
    assertThat(agents.slackPostsOf(done.id())).hasSize(1);
    assertThat(agents.slackPostsOf(done.id()).getFirst().path("channel").asString())
        .isEqualTo("C-DEFAULT");
  }

  @Test
  void transientAgentErrorsAreRetriedWithBackoffUntilTheStepSucceeds() {
    String meetingId = "m-flaky-" + UuidV7.next();
    agents.failSummaries(meetingId, 500, 500);
    completeMeeting(meetingId, "u-flaky", null);

    Workflow done = awaitStatus(meetingId, WorkflowStatus.COMPLETED);

    List<FakeServer.Request> calls =
        agents.summarizer.requests("POST", "/summarize").stream()
            .filter(r -> r.body().contains(meetingId))
            .toList();
    assertThat(calls).hasSize(3);
    assertThat(calls)
        .extracting(r -> r.header(BudaiHeaders.IDEMPOTENCY_KEY))
        .containsOnly("workflow:" + done.id() + ":summarize");
    assertThat(agents.slackPostsOf(done.id())).hasSize(1);
  }

  @Test
  void clientErrorFailsAtOnceVisiblyAndRetryResumesAtTheFailedStep() {
    String meetingId = "m-400-" + UuidV7.next();
    agents.failSummaries(meetingId, 400);
    completeMeeting(meetingId, "u-400", null);

    Workflow failed = awaitStatus(meetingId, WorkflowStatus.FAILED);
    assertThat(agents.summarizeCalls(meetingId)).isEqualTo(1);
    assertThat(failed.step()).isEqualTo(Step.SUMMARIZE);
    assertThat(failed.attempt()).isEqualTo(1);

    JsonNode view = Orchestrator.json(orchestrator.get("/workflows/" + failed.id(), "u-400"));
    assertThat(view.path("status").asString()).isEqualTo("failed");
    assertThat(view.path("last_error").asString())
        .contains("step summarize")
        .contains("summarizer-agent POST /summarize")
        .contains("400")
        .contains("transcript rejected");
    assertThat(view.path("steps").get(0).path("outcome").asString()).isEqualTo("failed");
    assertThat(EventLog.stateChanges(orchestrator.redis(), failed.id()).getLast())
        .satisfies(
            e -> {
              assertThat(e.to()).isEqualTo("failed");
              assertThat(e.error()).contains("400");
            });

    HttpResponse<String> retried =
        orchestrator.post("/workflows/" + failed.id() + "/retry", "u-400");
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(Orchestrator.json(retried).path("status").asString())
        .isIn("pending", "running", "waiting", "completed");

    Workflow done = awaitStatus(meetingId, WorkflowStatus.COMPLETED);
    assertThat(agents.summarizeCalls(meetingId)).isEqualTo(2);
    assertThat(done.completedSteps()).startsWith(Step.SUMMARIZE);
    assertThat(agents.slackPostsOf(done.id())).hasSize(1);

    HttpResponse<String> again = orchestrator.post("/workflows/" + failed.id() + "/retry", "u-400");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(Orchestrator.json(again).path("status").asString()).isEqualTo("completed");
  }

  @Test
  void meetingWithoutSpeechFailsWithAClearError() {
    String meetingId = "silent-" + UuidV7.next();
    completeMeeting(meetingId, "u-silent", null);
    Workflow failed = awaitStatus(meetingId, WorkflowStatus.FAILED);
    assertThat(failed.lastError()).contains("no transcribed speech");
    assertThat(agents.summarizeCalls(meetingId)).isZero();
  }

  @Test
  void meetingUnknownToTheCollectorFailsAtOnce() {
    String meetingId = "missing-" + UuidV7.next();
    completeMeeting(meetingId, "u-missing", null);
    Workflow failed = awaitStatus(meetingId, WorkflowStatus.FAILED);
    assertThat(failed.lastError()).contains("transcription-collector").contains("404");
    assertThat(agents.collector.requests("GET", "/internal/transcripts/" + meetingId)).hasSize(1);
  }

  @Test
  void slackCommandRerunsTheSummaryForTheMeetingOwnerAndPostsItWhereAsked() {
    String meetingId = "m-cmd-" + UuidV7.next();
    completeMeeting(meetingId, "u-cmd", null);
    awaitStatus(meetingId, WorkflowStatus.COMPLETED);

    orchestrator
        .events()
        .publish(
            new SlackCommand("T1", "C-ASKED", "U-SLACK", "/loop", "summary " + meetingId, null));
    orchestrator
        .events()
        .publish(new SlackCommand("T1", "C-ASKED", "U-SLACK", "/loop", "status", null));

    Workflow summary =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    EventLog.of(orchestrator.redis(), WorkflowStateChanged.class).stream()
                        .filter(
                            e ->
                                "summary".equals(e.kind())
                                    && meetingId.equals(e.meetingId())
                                    && "completed".equals(e.to()))
                        .findFirst()
                        .flatMap(e -> orchestrator.workflow(e.workflowId()))
                        .orElse(null),
                wf -> wf != null);
    assertThat(summary.userId()).isEqualTo("u-cmd");
    assertThat(summary.completedSteps()).containsExactly(Step.SUMMARIZE, Step.DELIVER);
    assertThat(agents.summarizeCalls(meetingId)).isEqualTo(2);
    List<JsonNode> posts = agents.slackPostsOf(summary.id());
    assertThat(posts).hasSize(1);
    assertThat(posts.getFirst().path("channel").asString()).isEqualTo("C-ASKED");
    // slack-integration renders the summary (and files it in the owner's App Home)
    assertThat(posts.getFirst().path("title").asString()).isEqualTo("Beta launch sync");
    assertThat(posts.getFirst().path("user_id").asString()).isEqualTo("u-cmd");
    assertThat(
            posts.getFirst().path("summary").path("action_items").get(0).path("owner").asString())
        .isEqualTo("Bob");
    assertThat(posts.getFirst().has("blocks")).isFalse();
    assertThat(posts.getFirst().has("text")).isFalse();
    assertThat(orchestrator.get("/workflows?kind=summary", "u-cmd").body()).contains(summary.id());
  }

  @Test
  void listShowsOnlyTheCallersWorkflowsWithFiltersAndPages() {
    String user = "u-list-" + UuidV7.next();
    List<String> meetings =
        List.of("m-l1-" + UuidV7.next(), "m-l2-" + UuidV7.next(), "m-l3-" + UuidV7.next());
    agents.failSummaries(meetings.get(1), 422);
    meetings.forEach(m -> completeMeeting(m, user, null));
    awaitStatus(meetings.get(0), WorkflowStatus.COMPLETED);
    Workflow failed = awaitStatus(meetings.get(1), WorkflowStatus.FAILED);
    awaitStatus(meetings.get(2), WorkflowStatus.COMPLETED);

    JsonNode all = Orchestrator.json(orchestrator.get("/workflows", user));
    assertThat(all.path("workflows").findValuesAsString("meeting_id"))
        .containsExactlyInAnyOrderElementsOf(meetings);
    assertThat(all.path("has_more").asBoolean()).isFalse();
    assertThat(
            Orchestrator.json(orchestrator.get("/workflows?status=failed", user))
                .path("workflows")
                .findValuesAsString("id"))
        .containsExactly(failed.id());
    assertThat(
            Orchestrator.json(orchestrator.get("/workflows?status=completed&kind=meeting", user))
                .path("workflows"))
        .hasSize(2);
    assertThat(Orchestrator.json(orchestrator.get("/workflows?kind=prep", user)).path("workflows"))
        .isEmpty();
    assertThat(
            Orchestrator.json(orchestrator.get("/workflows?meeting_id=" + meetings.get(2), user))
                .path("workflows")
                .findValuesAsString("meeting_id"))
        .containsExactly(meetings.get(2));
    JsonNode page1 = Orchestrator.json(orchestrator.get("/workflows?limit=2", user));
    assertThat(page1.path("workflows")).hasSize(2);
    assertThat(page1.path("has_more").asBoolean()).isTrue();
    JsonNode page2 = Orchestrator.json(orchestrator.get("/workflows?limit=2&offset=2", user));
    assertThat(page2.path("workflows")).hasSize(1);
    assertThat(page2.path("has_more").asBoolean()).isFalse();

    // another user sees none of them, and cannot read, retry or cancel one
    assertThat(
            Orchestrator.json(orchestrator.get("/workflows", "u-other"))
                .path("workflows")
                .findValuesAsString("meeting_id"))
        .doesNotContainAnyElementsOf(meetings);
    for (HttpResponse<String> foreign :
        List.of(
            orchestrator.get("/workflows/" + failed.id(), "u-other"),
            orchestrator.post("/workflows/" + failed.id() + "/retry", "u-other"),
            orchestrator.post("/workflows/" + failed.id() + "/cancel", "u-other"),
            orchestrator.get("/workflows/no-such-id", user))) {
      assertThat(foreign.statusCode()).isEqualTo(404);
      assertThat(Orchestrator.json(foreign).path("type").asString())
          .isEqualTo("https://budai.dev/problems/workflow-not-found");
    }
    assertThat(orchestrator.workflow(failed.id()).orElseThrow().status())
        .isEqualTo(WorkflowStatus.FAILED);
  }

  @Test
  void badQueriesAndAnonymousCallsAreProblems() {
    for (String query :
        List.of(
            "?status=sleeping",
            "?kind=party",
            "?limit=0",
            "?limit=201",
            "?offset=-1",
            "?limit=abc")) {
      HttpResponse<String> response = orchestrator.get("/workflows" + query, "u-x");
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(response.body()).doesNotContain("Exception");
    }
    HttpResponse<String> anonymous = orchestrator.get("/workflows", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }
}
