package io.budai.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.UuidV7;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.events.WorkflowStateChanged;
import io.budai.orchestrator.support.EventLog;
import io.budai.orchestrator.support.FakeAgents;
import io.budai.orchestrator.support.Orchestrator;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failing agents: attempts as timers, then failure; an open circuit pauses workflows. */
class ResilienceIT {

  FakeAgents agents;
  Orchestrator orchestrator;

  @BeforeEach
  void fakes() {
    agents = new FakeAgents();
  }

  @AfterEach
  void stop() {
    if (orchestrator != null) {
      orchestrator.close();
    }
    agents.close();
  }

  void start(Map<String, String> overrides) {
    Map<String, String> props = Orchestrator.defaults(agents);
    props.putAll(overrides);
    orchestrator = Orchestrator.start(props);
    Orchestrator.clearTimers(orchestrator.redis());
  }

  void completeMeeting(String meetingId) {
    orchestrator
        .events()
        .publish(new MeetingCompleted(meetingId, "u-res", Instant.now(), 60, 2, null), "u-res");
  }

  Workflow awaitStatus(String meetingId, WorkflowStatus status, Duration within) {
    return await()
        .atMost(within)
        .until(
            () -> orchestrator.workflowOfMeeting(meetingId).orElse(null),
            wf -> wf != null && wf.status() == status);
  }

  @Test
  void stepAttemptsThatKeepFailingAreRetriedAsTimersThenFailTheWorkflow() {
    // one HTTP try per attempt, so the three failures stay under the breaker's minimum of calls
    start(Map.of("budai.clients.max-attempts", "1", "budai.orchestrator.steps.max-attempts", "3"));
    String meetingId = "m-down-" + UuidV7.next();
    agents.failSummaries(meetingId, 502, 502, 502);
    completeMeeting(meetingId);

    Workflow failed = awaitStatus(meetingId, WorkflowStatus.FAILED, Duration.ofSeconds(20));

    assertThat(agents.summarizeCalls(meetingId)).isEqualTo(3);
    assertThat(failed.attempt()).isEqualTo(3);
    assertThat(failed.lastError())
        .contains("summarizer-agent POST /summarize")
        .contains("502")
        .contains("gave up after 3 attempts");
    assertThat(failed.history())
        .extracting(StepRun::outcome)
        .containsExactly("retrying", "retrying", "failed");
    assertThat(failed.history()).extracting(StepRun::attempt).containsExactly(1, 2, 3);
    assertThat(EventLog.stateChanges(orchestrator.redis(), failed.id()))
        .extracting(WorkflowStateChanged::to, WorkflowStateChanged::attempt)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("pending", 1),
            org.assertj.core.groups.Tuple.tuple("running", 1),
            org.assertj.core.groups.Tuple.tuple("waiting", 2),
            org.assertj.core.groups.Tuple.tuple("running", 2),
            org.assertj.core.groups.Tuple.tuple("waiting", 3),
            org.assertj.core.groups.Tuple.tuple("running", 3),
            org.assertj.core.groups.Tuple.tuple("failed", 3));
    assertThat(agents.slackPosts()).isEmpty();
  }

  @Test
  void openCircuitPausesWorkflowsWithoutUsingAttemptsAndTheyResumeWhenTheAgentRecovers() {
    start(Map.of("budai.orchestrator.steps.max-attempts", "4"));
    CircuitBreaker breaker =
        orchestrator.bean(CircuitBreakerRegistry.class).circuitBreaker("summarizer-agent");
    agents.summarizerDown(true);
    List<String> meetings = IntStream.range(0, 6).mapToObj(i -> "m-cb-" + UuidV7.next()).toList();
    meetings.forEach(this::completeMeeting);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> breaker.getState() == CircuitBreaker.State.OPEN);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                meetings.stream()
                    .map(m -> orchestrator.workflowOfMeeting(m).orElseThrow())
                    .anyMatch(
                        wf ->
                            wf.status() == WorkflowStatus.WAITING
                                && wf.history().stream().anyMatch(r -> r.outcome().equals("paused"))
                                && wf.lastError() != null
                                && wf.lastError().contains("circuit open")));
    // while the agent is down the workflows keep waiting — several breaker periods, longer than
    // four attempts' worth of back-off — instead of failing
    long callsWhileDown = agents.summarizer.requests("POST", "/summarize").size();
    await()
        .pollDelay(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(meetings)
                    .allSatisfy(
                        m ->
                            assertThat(orchestrator.workflowOfMeeting(m).orElseThrow().status())
                                .isIn(WorkflowStatus.WAITING, WorkflowStatus.RUNNING)));
    // an open breaker lets only its half-open probes through: far fewer calls than workflows × time
    assertThat(agents.summarizer.requests("POST", "/summarize").size() - callsWhileDown)
        .isLessThan(20);

    agents.summarizerDown(false);

    meetings.forEach(m -> awaitStatus(m, WorkflowStatus.COMPLETED, Duration.ofSeconds(30)));
    assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    for (String meeting : meetings) {
      Workflow done = orchestrator.workflowOfMeeting(meeting).orElseThrow();
      assertThat(agents.slackPostsOf(done.id())).hasSize(1);
    }
  }
}
