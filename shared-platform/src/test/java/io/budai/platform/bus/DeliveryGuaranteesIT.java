package io.budai.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.MeetingStarted;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** At-least-once delivery with effectively-once handling, against a real Redis. */
class DeliveryGuaranteesIT {

  private final BusApps apps = new BusApps();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void stopApps() {
    apps.close();
  }

  /** Counts side effects per event of this test run; can fail or block on demand. */
  static final class Recorder {
    final String run;
    final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicBoolean failing = new AtomicBoolean();
    final Set<String> started = ConcurrentHashMap.newKeySet();
    volatile CountDownLatch gate = new CountDownLatch(0);

    Recorder(String run) {
      this.run = run;
    }

    @EventHandler
    void on(MeetingStarted event) throws InterruptedException {
      if (!event.meetingId().startsWith(run)) {
        return;
      }
      attempts.incrementAndGet();
      started.add(event.meetingId());
      gate.await();
      if (failing.get()) {
        throw new IllegalStateException("summarizer unreachable for " + event.meetingId());
      }
      effects.computeIfAbsent(event.meetingId(), id -> new AtomicInteger()).incrementAndGet();
    }

    int total() {
      return effects.values().stream().mapToInt(AtomicInteger::get).sum();
    }
  }

  private MeetingStarted meeting(int n) {
    return new MeetingStarted(run + "-m" + n, "u-1", "zoom", "123", "Meeting " + n);
  }

  private ConfigurableApplicationContext service(String group, Recorder recorder, String... props) {
    return apps.start(group, ctx -> ctx.registerBean(Recorder.class, () -> recorder), props);
  }

  @Test
  void failingHandlerIsRetriedThenDeadLetteredAndAReplayDeliversItAgain() {
    String failingGroup = "it-failing-" + run;
    String healthyGroup = "it-healthy-" + run;
    Recorder failing = new Recorder(run);
    failing.failing.set(true);
    Recorder healthy = new Recorder(run);
    ConfigurableApplicationContext app =
        service(
            failingGroup,
            failing,
            "budai.bus.max-deliveries=3",
            "budai.bus.claim-idle-time=300ms",
            "budai.bus.claim-interval=100ms");
    service(healthyGroup, healthy);

    EventEnvelope<MeetingStarted> sent = app.getBean(EventPublisher.class).publish(meeting(1));

    DeadLetters deadLetters = app.getBean(DeadLetters.class);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> !deadLetters.list(failingGroup, null, 10).isEmpty());
    DeadLetters.DeadLetter letter = deadLetters.list(failingGroup, null, 10).getFirst();
    assertThat(failing.attempts).hasValue(3);
    assertThat(failing.effects).isEmpty();
    assertThat(letter.attempts()).isEqualTo(3);
    assertThat(letter.group()).isEqualTo(failingGroup);
    assertThat(letter.stream()).isEqualTo(BudaiStreams.EVENTS);
    assertThat(letter.eventId()).isEqualTo(sent.id());
    assertThat(letter.type()).isEqualTo("meeting.started");
    assertThat(letter.error()).contains("IllegalStateException", "summarizer unreachable");
    assertThat(new EventCodec().decodeAs(letter.event(), MeetingStarted.class)).isEqualTo(sent);
    assertThat(pending(failingGroup)).isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> healthy.total() == 1);

    failing.failing.set(false);
    assertThat(deadLetters.replay(letter.id())).isPresent();

    await().atMost(Duration.ofSeconds(10)).until(() -> failing.total() == 1);
    assertThat(deadLetters.get(letter.id())).isEmpty();
    // The replay is for the failed group only: the group that handled the event ignores it.
    await().atMost(Duration.ofSeconds(5)).until(() -> pending(healthyGroup) == 0);
    assertThat(healthy.total()).isEqualTo(1);
  }

  @Test
  void entriesOfAConsumerThatDiesMidHandlerAreClaimedByAnotherAndHandledOnce() {
    String group = "it-takeover-" + run;
    Recorder doomed = new Recorder(run);
    doomed.gate = new CountDownLatch(1); // its handlers never get past the gate
    Recorder survivor = new Recorder(run);
    ConfigurableApplicationContext a =
        service(group, doomed, "budai.bus.shutdown-timeout=300ms", "budai.bus.max-in-flight=4");
    EventPublisher publisher = a.getBean(EventPublisher.class);
    for (int i = 0; i < 20; i++) {
      publisher.publish(meeting(i));
    }
    // The doomed consumer holds entries in flight (and, with its slots full, reads no more)
    // before the survivor starts.
    await().atMost(Duration.ofSeconds(10)).until(() -> doomed.started.size() == 4);
    assertThat(pending(group)).isGreaterThanOrEqualTo(4);
    service(group, survivor, "budai.bus.claim-idle-time=500ms");

    a.close();

    await().atMost(Duration.ofSeconds(20)).until(() -> survivor.effects.size() == 20);
    assertThat(doomed.total()).isZero();
    assertThat(survivor.effects.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> pending(group) == 0);
  }

  @Test
  void theSameEventDeliveredTwiceHasOneSideEffect() {
    String group = "it-dupes-" + run;
    Recorder recorder = new Recorder(run);
    ConfigurableApplicationContext app =
        service(group, recorder, "budai.bus.claim-idle-time=300ms");
    EventEnvelope<MeetingStarted> first = app.getBean(EventPublisher.class).publish(meeting(1));
    Map<String, String> entry = lastEntryOf(first.id());

    // A producer that retried its XADD: the same envelope twice, once at once and once later.
    BusApps.redis().xadd(BudaiStreams.EVENTS, entry);
    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.total() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> pending(group) == 0);
    BusApps.redis().xadd(BudaiStreams.EVENTS, entry);

    await().atMost(Duration.ofSeconds(10)).until(() -> pending(group) == 0 && duplicates(app) >= 2);
    assertThat(recorder.effects).containsOnlyKeys(first.payload().meetingId());
    assertThat(recorder.total()).isEqualTo(1);
    assertThat(BusApps.redis().get(io.budai.contracts.RedisKeys.processed(group, first.id())))
        .isEqualTo("1");
  }

  @Test
  void malformedEntryIsDeadLetteredWithAClearErrorAndTheConsumerKeepsRunning() {
    String group = "it-malformed-" + run;
    Recorder recorder = new Recorder(run);
    ConfigurableApplicationContext app = service(group, recorder);
    String badId = "bad-" + run;

    String entryId =
        BusApps.redis()
            .xadd(
                BudaiStreams.EVENTS,
                Map.of("type", "meeting.started", "id", badId, "event", "{\"id\": \"" + badId));
    app.getBean(EventPublisher.class).publish(meeting(2));

    await().atMost(Duration.ofSeconds(10)).until(() -> recorder.total() == 1);
    DeadLetters deadLetters = app.getBean(DeadLetters.class);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !deadLetters.list(group, null, 10).isEmpty());
    DeadLetters.DeadLetter letter = deadLetters.list(group, null, 10).getFirst();
    assertThat(letter.entryId()).isEqualTo(entryId);
    assertThat(letter.eventId()).isEqualTo(badId);
    assertThat(letter.attempts()).isEqualTo(1);
    assertThat(letter.error()).startsWith("Malformed entry: Invalid JSON");
    assertThat(recorder.attempts).hasValue(1);
    assertThat(app.getBean(EventBus.class).consumers())
        .allSatisfy(c -> assertThat(c.state()).isEqualTo(StreamConsumer.State.RUNNING));
    await().atMost(Duration.ofSeconds(5)).until(() -> pending(group) == 0);
  }

  private static Map<String, String> lastEntryOf(String eventId) {
    return BusApps.redis()
        .xrevrange(BudaiStreams.EVENTS, Range.create("-", "+"), Limit.from(50))
        .stream()
        .filter(e -> eventId.equals(e.getBody().get("id")))
        .findFirst()
        .orElseThrow()
        .getBody();
  }

  private static double duplicates(ConfigurableApplicationContext app) {
    return app.getBean(BusMetrics.class).registry().find("budai.bus.duplicates").counters().stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count)
        .sum();
  }

  static long pending(String group) {
    return BusApps.redis().xpending(BudaiStreams.EVENTS, group).getCount();
  }
}
