package io.budai.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.UuidV7;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.events.WorkflowStateChanged;
import io.budai.orchestrator.support.EventLog;
import io.budai.orchestrator.support.FakeAgents;
import io.budai.orchestrator.support.Orchestrator;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Replicas dying and running side by side: a workflow survives the death of the replica that runs
 * it (mid-call or mid-wait), two replicas never both advance one workflow, and cancel stops one.
 */
class RecoveryIT {

  FakeAgents agents;
  final List<Orchestrator> replicas = new ArrayList<>();
  boolean timersCleared;

  @BeforeEach
  void fakes() {
    agents = new FakeAgents();
  }

  @AfterEach
  void stop() {
    replicas.forEach(Orchestrator::close);
    agents.close();
  }

  Orchestrator replica(Map<String, String> overrides) {
    Map<String, String> props = Orchestrator.defaults(agents);
    props.putAll(overrides);
    Orchestrator replica = Orchestrator.start(props);
    if (!timersCleared) {
      Orchestrator.clearTimers(replica.redis());
      timersCleared = true;
    }
    replicas.add(replica);
    return replica;
  }

  static void completeMeeting(Orchestrator via, String meetingId, String userId) {
    via.events()
        .publish(
            new MeetingCompleted(meetingId, userId, Instant.now(), 60, 2, "C-RECOVERY"), userId);
  }

  static Workflow awaitStatus(Orchestrator via, String meetingId, WorkflowStatus status) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> via.workflowOfMeeting(meetingId).orElse(null),
            wf -> wf != null && wf.status() == status);
  }

  @Test
  void replicaKilledDuringSummarizeIsTakenOverAndSlackGetsOnePost() {
    Map<String, String> shortLease = Map.of("budai.orchestrator.steps.lease", "2s");
    Orchestrator first = replica(shortLease);
    agents.holdSummaries(1);
    String meetingId = "m-kill-sum-" + UuidV7.next();
    completeMeeting(first, meetingId, "u-rec");
    await().atMost(Duration.ofSeconds(10)).until(() -> agents.summarizeCalls(meetingId) == 1);
    Workflow running = first.workflowOfMeeting(meetingId).orElseThrow();
    assertThat(running.status()).isEqualTo(WorkflowStatus.RUNNING);
    assertThat(running.step()).isEqualTo(Step.SUMMARIZE);

    first.close(); // the first summarize call never completes
    replicas.remove(first);
    Orchestrator second = replica(shortLease);

    Workflow done = awaitStatus(second, meetingId, WorkflowStatus.COMPLETED);
    assertThat(agents.summarizeCalls(meetingId)).isEqualTo(2);
    assertThat(agents.slackPostsOf(done.id())).hasSize(1);
    assertThat(done.history())
        .extracting(StepRun::step, StepRun::outcome, StepRun::owner)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("summarize", "abandoned", running.owner()),
            org.assertj.core.groups.Tuple.tuple(
                "summarize", "succeeded", second.bean(WorkflowEngine.class).owner()));
    assertThat(EventLog.stateChanges(second.redis(), done.id()))
        .extracting(
            WorkflowStateChanged::from, WorkflowStateChanged::to, WorkflowStateChanged::attempt)
        .contains(org.assertj.core.groups.Tuple.tuple("running", "running", 2));
  }

  @Test
  void replicaKilledDuringTheFollowupWaitLosesNoTimerAndTheSummaryIsNotRequestedAgain() {
    Map<String, String> delayed = Map.of("budai.orchestrator.followup-delay", "PT2S");
    Orchestrator first = replica(delayed);
    String meetingId = "m-kill-wait-" + UuidV7.next();
    completeMeeting(first, meetingId, "u-rec");
    Workflow waiting = awaitStatus(first, meetingId, WorkflowStatus.WAITING);
    assertThat(waiting.step()).isEqualTo(Step.WAIT_FOLLOWUP);
    assertThat(first.redis().opsForZSet().score(RedisKeys.TIMERS, waiting.id()))
        .isEqualTo((double) waiting.dueAt().toEpochMilli());

    first.close();
    replicas.remove(first);
    Orchestrator second = replica(delayed);

    Workflow done = awaitStatus(second, meetingId, WorkflowStatus.COMPLETED);
    assertThat(agents.summarizeCalls(meetingId)).isEqualTo(1);
    assertThat(agents.slackPostsOf(done.id())).hasSize(1);
    assertThat(done.history().get(1).startedAt()).isAfterOrEqualTo(waiting.dueAt());
    assertThat(done.history().get(1).owner()).isEqualTo(second.bean(WorkflowEngine.class).owner());
  }

  @Test
  void twoReplicasProcess200MeetingsAndEachWorkflowCompletesOnceWithOnePost() {
    Orchestrator a = replica(Map.of());
    Orchestrator b = replica(Map.of());
    List<String> meetings =
        IntStream.range(0, 200).mapToObj(i -> "m-pair-" + i + "-" + UuidV7.next()).toList();
    CompletableFuture.allOf(
            meetings.stream()
                .map(
                    m ->
                        (i(meetings.indexOf(m)) ? a : b)
                            .events()
                            .publishAsync(
                                new MeetingCompleted(m, "u-pair", Instant.now(), 60, 2, null),
                                "u-pair"))
                .toArray(CompletableFuture[]::new))
        .join();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                meetings.stream()
                    .allMatch(
                        m ->
                            a.workflowOfMeeting(m)
                                .map(wf -> wf.status() == WorkflowStatus.COMPLETED)
                                .orElse(false)));

    Set<String> ids = new HashSet<>();
    Set<String> owners = new HashSet<>();
    for (String meeting : meetings) {
      Workflow wf = a.workflowOfMeeting(meeting).orElseThrow();
      ids.add(wf.id());
      wf.history().forEach(r -> owners.add(r.owner()));
      assertThat(wf.history()).extracting(StepRun::outcome).containsOnly("succeeded");
      assertThat(agents.summarizeCalls(meeting)).as(meeting).isEqualTo(1);
    }
    assertThat(ids).hasSize(200);
    assertThat(owners)
        .containsExactlyInAnyOrder(
            a.bean(WorkflowEngine.class).owner(), b.bean(WorkflowEngine.class).owner());
    Map<String, Long> completions =
        EventLog.of(a.redis(), WorkflowStateChanged.class).stream()
            .filter(e -> ids.contains(e.workflowId()) && "completed".equals(e.to()))
            .collect(
                Collectors.groupingBy(WorkflowStateChanged::workflowId, Collectors.counting()));
    assertThat(completions).hasSize(200).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
    List<JsonNode> posts =
        agents.slackPosts().stream()
            .filter(
                p -> ids.stream().anyMatch(id -> p.path("idempotency_key").asString().contains(id)))
            .toList();
    assertThat(posts).hasSize(200);
    assertThat(posts.stream().map(p -> p.path("idempotency_key").asString()).distinct())
        .hasSize(200);
  }

  private static boolean i(int index) {
    return index % 2 == 0;
  }

  @Test
  void cancelStopsAWaitingWorkflowAndItsTimer() {
    Orchestrator replica = replica(Map.of("budai.orchestrator.followup-delay", "PT1H"));
    String meetingId = "m-cancel-" + UuidV7.next();
    completeMeeting(replica, meetingId, "u-cancel");
    Workflow waiting = awaitStatus(replica, meetingId, WorkflowStatus.WAITING);
    assertThat(replica.redis().opsForZSet().score(RedisKeys.TIMERS, waiting.id())).isNotNull();

    HttpResponse<String> cancelled =
        replica.post("/workflows/" + waiting.id() + "/cancel", "u-cancel");
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(Orchestrator.json(cancelled).path("status").asString()).isEqualTo("cancelled");
    assertThat(replica.workflow(waiting.id()).orElseThrow().status())
        .isEqualTo(WorkflowStatus.CANCELLED);
    assertThat(replica.redis().opsForZSet().score(RedisKeys.TIMERS, waiting.id())).isNull();
    assertThat(EventLog.stateChanges(replica.redis(), waiting.id()).getLast())
        .satisfies(
            e -> {
              assertThat(e.from()).isEqualTo("waiting");
              assertThat(e.to()).isEqualTo("cancelled");
              assertThat(e.step()).isEqualTo("wait_followup");
            });

    for (String action : List.of("cancel", "retry")) {
      HttpResponse<String> conflict =
          replica.post("/workflows/" + waiting.id() + "/" + action, "u-cancel");
      assertThat(conflict.statusCode()).as(action).isEqualTo(409);
      assertThat(Orchestrator.json(conflict).path("type").asString())
          .isEqualTo("https://budai.dev/problems/workflow-state-conflict");
    }
    assertThat(agents.followup.requests("POST", "/followup")).isEmpty();
    assertThat(agents.slackPostsOf(waiting.id())).isEmpty();
  }
}
