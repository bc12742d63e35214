package io.budai.orchestrator.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.UuidV7;
import io.budai.contracts.events.WorkflowStateChanged;
import io.budai.orchestrator.support.EventLog;
import io.budai.orchestrator.support.FakeAgents;
import io.budai.orchestrator.support.Orchestrator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis side of workflows, read as a spec of the Lua scripts: compare-and-set transitions that
 * write the state, its indexes, timer and event together or not at all, exclusive timer claims, and
 * leases that a takeover cannot break while they are renewed. The engine of the replica is idle
 * here (its timers poll once an hour).
 */
class WorkflowStoreIT {

  static FakeAgents agents;
  static Orchestrator orchestrator;
  static WorkflowStore store;
  static StringRedisTemplate redis;
  final StateMachine machine =
      new StateMachine(
          Duration.ofSeconds(30), 3, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1));

  @BeforeAll
  static void start() {
    agents = new FakeAgents();
    Map<String, String> props = Orchestrator.defaults(agents);
    props.put("budai.orchestrator.timers.poll-interval", "1h");
    orchestrator = Orchestrator.start(props);
    store = orchestrator.store();
    redis = orchestrator.redis();
  }

  @AfterAll
  static void stop() {
    orchestrator.close();
    agents.close();
  }

  Workflow created(String userId) {
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Workflow wf =
        machine.create(
            UuidV7.next(),
            WorkflowKind.MEETING,
            "m-" + UuidV7.next(),
            userId,
            null,
            WorkflowContext.empty(),
            now,
            now.plus(Duration.ofHours(1)));
    assertThat(store.create(wf, wf.dueAt())).isTrue();
    return wf;
  }

  @Test
  void createWritesTheHashIndexesTimerAndFirstEventTogether() {
    Workflow wf = created("u-store");
    // HGETALL budai:workflow:{id}
    Workflow loaded = store.load(wf.id()).orElseThrow();
    assertThat(loaded).isEqualTo(wf);
    // GET budai:workflow:by-meeting:{meeting_id}
    assertThat(store.idForMeeting(wf.meetingId())).contains(wf.id());
    // ZSCORE budai:workflow:by-user:{user} / budai:timers
    assertThat(redis.opsForZSet().score(RedisKeys.workflowsByUser("u-store"), wf.id()))
        .isEqualTo((double) wf.createdAt().toEpochMilli());
    assertThat(redis.opsForZSet().score(RedisKeys.TIMERS, wf.id()))
        .isEqualTo((double) wf.dueAt().toEpochMilli());
    // PTTL of every key: the retention (7 days)
    for (String key :
        List.of(
            RedisKeys.workflow(wf.id()),
            RedisKeys.workflowByMeeting(wf.meetingId()),
            RedisKeys.workflowsByUser("u-store"))) {
      assertThat(redis.getExpire(key))
          .as(key)
          .isGreaterThan(Duration.ofDays(7).minusMinutes(1).toSeconds());
    }
    assertThat(EventLog.stateChanges(redis, wf.id()))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.from()).isNull();
              assertThat(e.to()).isEqualTo("waiting");
            });
  }

  @Test
  void aMeetingGetsOneMeetingWorkflowEvenWhenTwoAreCreated() {
    Workflow first = created("u-store");
    Workflow second =
        new Workflow(
            UuidV7.next(),
            first.kind(),
            first.meetingId(),
            first.userId(),
            null,
            first.status(),
            first.step(),
            List.of(),
            1,
            null,
            first.context(),
            Map.of(),
            List.of(),
            null,
            1,
            first.createdAt(),
            first.updatedAt(),
            first.dueAt());
    assertThat(store.create(second, second.dueAt())).isFalse();
    assertThat(store.load(second.id())).isEmpty();
    assertThat(EventLog.stateChanges(redis, second.id())).isEmpty();
    assertThat(redis.opsForZSet().score(RedisKeys.TIMERS, second.id())).isNull();
    assertThat(store.idForMeeting(first.meetingId())).contains(first.id());
  }

  @Test
  void aTransitionFromAStaleVersionWritesNothingAndPublishesNothing() {
    Workflow wf = created("u-store");
    Workflow cancelled = machine.cancel(wf, Instant.now());
    assertThat(store.apply(wf, cancelled, null, Map.of(), List.of(), null)).isTrue();
    Workflow started = machine.start(wf, "late-replica", Instant.now().plusSeconds(3600));
    assertThat(store.apply(wf, started, started.dueAt(), Map.of(), List.of(), null)).isFalse();
    assertThat(store.load(wf.id()).orElseThrow().status()).isEqualTo(WorkflowStatus.CANCELLED);
    assertThat(redis.opsForZSet().score(RedisKeys.TIMERS, wf.id())).isNull();
    assertThat(EventLog.stateChanges(redis, wf.id()))
        .extracting(WorkflowStateChanged::to)
        .containsExactly("waiting", "cancelled");
  }

  @Test
  void ofManyReplicasStartingTheSameStepExactlyOneWins() throws Exception {
    Workflow wf = created("u-store");
    Instant due = wf.dueAt();
    ExecutorService threads = Executors.newFixedThreadPool(16);
    try {
      List<Callable<Boolean>> attempts = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String replica = "replica-" + i;
        attempts.add(
            () -> {
              Workflow mine = machine.start(wf, replica, due);
              return store.apply(wf, mine, mine.dueAt(), Map.of(), List.of(), null);
            });
      }
      long winners = 0;
      for (Future<Boolean> won : threads.invokeAll(attempts)) {
        winners += won.get() ? 1 : 0;
      }
      assertThat(winners).isEqualTo(1);
    } finally {
      threads.shutdown();
    }
    assertThat(EventLog.stateChanges(redis, wf.id()))
        .extracting(WorkflowStateChanged::to)
        .containsExactly("waiting", "running");
    assertThat(store.load(wf.id()).orElseThrow().version()).isEqualTo(2);
  }

  @Test
  void eachDueTimerIsClaimedByExactlyOneReplicaAndComesBackWhenTheClaimLapses() throws Exception {
    Orchestrator.clearTimers(redis);
    Instant past = Instant.now().minusSeconds(1);
    for (int i = 0; i < 50; i++) {
      redis.opsForZSet().add(RedisKeys.TIMERS, "t-" + i, past.toEpochMilli());
    }
    redis
        .opsForZSet()
        .add(RedisKeys.TIMERS, "t-future", Instant.now().plusSeconds(3600).toEpochMilli());
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<String> claimed = new ArrayList<>();
    try {
      List<Callable<Map<String, Instant>>> claims = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        claims.add(() -> store.claimDue(Instant.now(), 10, Duration.ofMillis(300)));
      }
      for (Future<Map<String, Instant>> result : threads.invokeAll(claims)) {
        claimed.addAll(result.get().keySet());
      }
    } finally {
      threads.shutdown();
    }
    assertThat(claimed).hasSize(50).doesNotHaveDuplicates().doesNotContain("t-future");
    assertThat(store.claimDue(Instant.now(), 100, Duration.ofMillis(300))).isEmpty();
    // a claimer that dies never starts its work: the timer comes due again after the claim lease
    assertThat(store.claimDue(Instant.now().plusMillis(400), 100, Duration.ofSeconds(30)))
        .hasSize(50);
    Orchestrator.clearTimers(redis);
  }

  @Test
  void aLeaseThatIsRenewedCannotBeTakenOverAndATakenOverOneCannotBeRenewed() {
    Workflow wf = created("u-store");
    Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Workflow running = machine.start(wf, "owner", now);
    assertThat(store.apply(wf, running, running.dueAt(), Map.of(), List.of(), null)).isTrue();

    // the owner renews; a replica that read the workflow before sees an expired lease, but the
    // takeover's guard checks due_at in Redis and refuses
    Instant renewed = now.plusSeconds(60);
    assertThat(store.renewLease(running, renewed)).isTrue();
    Instant later = running.dueAt().plusSeconds(1);
    Workflow takeover = machine.takeOver(running, "thief", later);
    assertThat(store.apply(running, takeover, takeover.dueAt(), Map.of(), List.of(), later))
        .isFalse();
    assertThat(redis.opsForZSet().score(RedisKeys.TIMERS, wf.id()))
        .isEqualTo((double) renewed.toEpochMilli());

    // once the renewed lease has lapsed too, the takeover wins and the old owner's renewal fails
    Instant lapsed = renewed.plusSeconds(1);
    Workflow fresh = store.load(wf.id()).orElseThrow();
    Workflow taken = machine.takeOver(fresh, "rescuer", lapsed);
    assertThat(store.apply(fresh, taken, taken.dueAt(), Map.of(), List.of(), lapsed)).isTrue();
    assertThat(store.renewLease(running, lapsed.plusSeconds(30))).isFalse();
    assertThat(store.load(wf.id()).orElseThrow().owner()).isEqualTo("rescuer");
  }

  @Test
  void resultsAreStoredUnderTheirOwnKeysWithTheTransition() {
    Workflow wf = created("u-store");
    Workflow running = machine.start(wf, "r", wf.dueAt());
    store.apply(wf, running, running.dueAt(), Map.of(), List.of(), null);
    Workflow next =
        machine.succeed(
            running,
            Instant.now(),
            null,
            Map.of("summary", RedisKeys.workflowResult(wf.id(), "summary")));
    assertThat(
            store.apply(
                running,
                next,
                next.dueAt(),
                Map.of("summary", "{\"overview\":\"ok\"}"),
                List.of(),
                null))
        .isTrue();
    assertThat(redis.opsForValue().get(RedisKeys.workflowResult(wf.id(), "summary")))
        .isEqualTo("{\"overview\":\"ok\"}");
    assertThat(redis.opsForHash().get(RedisKeys.workflow(wf.id()), "summary")).isNull();
    assertThat(store.results(store.load(wf.id()).orElseThrow()))
        .containsEntry("summary", "{\"overview\":\"ok\"}");
    assertThat(store.stats()).containsKey("meeting:waiting");
  }
}
