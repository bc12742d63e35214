package io.budai.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.WorkflowStateChanged;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.models.stream.PendingMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Many events, several publishers, replicas and groups; and a replica stopped under load. */
class BusUnderLoadIT {

  private static final int KEYS_PER_PUBLISHER = 50;

  private final BusApps apps = new BusApps();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @AfterEach
  void stopApps() {
    apps.close();
  }

  /** One handled event: which key, which position in that key's sequence. */
  record Handled(String eventId, String key, int seq) {}

  /** The handler of one replica: records what it handled, in order. */
  static final class Sink {
    final String run;
    final Queue<Handled> handled = new ConcurrentLinkedQueue<>();

    Sink(String run) {
      this.run = run;
    }

    @EventHandler
    void on(EventEnvelope<WorkflowStateChanged> envelope) {
      WorkflowStateChanged event = envelope.payload();
      if (event.workflowId().startsWith(run)) {
        handled.add(new Handled(envelope.id(), event.workflowId(), event.attempt()));
      }
    }
  }

  private ConfigurableApplicationContext replica(String group, Sink sink) {
    return apps.start(group, ctx -> ctx.registerBean(Sink.class, () -> sink));
  }

  /** Publishes {@code perKey} events for each of its keys, interleaved, pipelined. */
  private List<String> publish(EventPublisher publisher, String name, int perKey) {
    List<CompletableFuture<EventEnvelope<WorkflowStateChanged>>> sent = new ArrayList<>();
    for (int seq = 0; seq < perKey; seq++) {
      for (int k = 0; k < KEYS_PER_PUBLISHER; k++) {
        String key = run + "-" + name + "-k" + k;
        sent.add(
            publisher.publishAsync(
                new WorkflowStateChanged(key, "meeting", null, null, "running", "s", seq, null),
                null));
      }
    }
    return sent.stream().map(f -> f.join().id()).toList();
  }

  @Test
  void tenThousandEventsFromTwoPublishersReachEveryGroupOnceInEffectAndInOrderPerKey() {
    String shared = "it-load-shared-" + run;
    String single = "it-load-single-" + run;
    List<Sink> replicas = List.of(new Sink(run), new Sink(run), new Sink(run));
    replicas.forEach(sink -> replica(shared, sink));
    Sink alone = new Sink(run);
    replica(single, alone);
    EventPublisher first =
        apps.start("it-load-pub1-" + run, ctx -> {}).getBean(EventPublisher.class);
    EventPublisher second =
        apps.start("it-load-pub2-" + run, ctx -> {}).getBean(EventPublisher.class);

    CompletableFuture<List<String>> a =
        CompletableFuture.supplyAsync(() -> publish(first, "a", 100));
    CompletableFuture<List<String>> b =
        CompletableFuture.supplyAsync(() -> publish(second, "b", 100));
    Set<String> published = new HashSet<>(a.join());
    published.addAll(b.join());
    assertThat(published).hasSize(10_000);

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> handledCount(replicas) >= 10_000 && alone.handled.size() >= 10_000);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pending(shared) == 0 && pending(single) == 0);

    assertExactlyOnce(replicas, published);
    assertExactlyOnce(List.of(alone), published);
    replicas.forEach(BusUnderLoadIT::assertOrderedPerKey);
    assertOrderedPerKey(alone);
  }

  @Test
  void aReplicaStoppedUnderLoadLeavesNothingHandledUnacknowledgedAndLosesNothing() {
    String group = "it-load-stop-" + run;
    Sink stopping = new Sink(run);
    Sink staying = new Sink(run);
    ConfigurableApplicationContext a = replica(group, stopping);
    replica(group, staying);
    String consumerA = BusApps.consumerName(a);
    EventPublisher publisher =
        apps.start("it-load-stop-pub-" + run, ctx -> {}).getBean(EventPublisher.class);

    CompletableFuture<List<String>> sending =
        CompletableFuture.supplyAsync(() -> publish(publisher, "s", 60));
    await().atMost(Duration.ofSeconds(30)).until(() -> stopping.handled.size() >= 300);
    a.close();

    // Everything the stopped replica handled is acknowledged: what it still has pending (read,
    // never started) is none of it.
    Set<String> handledByA =
        stopping.handled.stream().map(Handled::eventId).collect(Collectors.toSet());
    assertThat(pendingEventIds(group, consumerA)).doesNotContainAnyElementsOf(handledByA);
    Set<String> published = new HashSet<>(sending.join());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> handledCount(List.of(stopping, staying)) >= published.size());
    await().atMost(Duration.ofSeconds(10)).until(() -> pending(group) == 0);
    assertExactlyOnce(List.of(stopping, staying), published);
  }

  private static int handledCount(Collection<Sink> sinks) {
    return sinks.stream().mapToInt(s -> s.handled.size()).sum();
  }

  private static void assertExactlyOnce(Collection<Sink> sinks, Set<String> published) {
    Map<String, Long> counts =
        sinks.stream()
            .flatMap(s -> s.handled.stream())
            .collect(Collectors.groupingBy(Handled::eventId, Collectors.counting()));
    assertThat(counts.keySet()).isEqualTo(published);
    assertThat(counts.values()).allSatisfy(count -> assertThat(count).isEqualTo(1L));
  }

  private static void assertOrderedPerKey(Sink sink) {
    Map<String, Integer> last = new HashMap<>();
    for (Handled handled : sink.handled) {
      Integer previous = last.put(handled.key(), handled.seq());
      if (previous != null) {
        assertThat(handled.seq()).as("order of %s", handled.key()).isGreaterThan(previous);
      }
    }
  }

  private static long pending(String group) {
    return BusApps.redis().xpending(BudaiStreams.EVENTS, group).getCount();
  }

  private static Set<String> pendingEventIds(String group, String consumer) {
    List<PendingMessage> pending =
        BusApps.redis()
            .xpending(
                BudaiStreams.EVENTS,
                Consumer.from(group, consumer),
                Range.create("-", "+"),
                Limit.from(100_000));
    return pending.stream()
        .map(PendingMessage::getId)
        .map(
            id ->
                BusApps.redis()
                    .xrange(BudaiStreams.EVENTS, Range.create(id, id))
                    .getFirst()
                    .getBody()
                    .get("id"))
        .collect(Collectors.toSet());
  }
}
