package io.budai.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.ApiKeyRevoked;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.events.WorkflowStateChanged;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SegmentMessage;
import io.budai.contracts.segments.Transcription;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class EventBusIT {

  private final BusApps apps = new BusApps();

  @AfterEach
  void stopApps() {
    apps.close();
  }

  /** Captures what a service's handlers receive. */
  static final class Capture {
    final BlockingQueue<MeetingCompleted> payloads = new LinkedBlockingQueue<>();
    final BlockingQueue<EventEnvelope<ApiKeyRevoked>> envelopes = new LinkedBlockingQueue<>();
    final BlockingQueue<SegmentMessage> segments = new LinkedBlockingQueue<>();
    volatile EventPublisher publisher;

    @EventHandler
    void on(MeetingCompleted event) {
      payloads.add(event);
      // A handler's publications carry the handled event's correlation and causation.
      publisher.publish(new ApiKeyRevoked("caused-by-" + event.meetingId()));
    }

    @EventHandler
    void onRevoked(EventEnvelope<ApiKeyRevoked> envelope) {
      envelopes.add(envelope);
    }

    @EventHandler
    void onSegments(SegmentMessage message) {
      segments.add(message);
    }
  }

  static final class OnlyRevocations {
    final BlockingQueue<ApiKeyRevoked> received = new LinkedBlockingQueue<>();

    @EventHandler
    void on(ApiKeyRevoked event) {
      received.add(event);
    }
  }

  @Test
  void publishedEventsReachTypedHandlersWithCorrelationAndCausation() throws Exception {
    Capture capture = new Capture();
    String group = group("roundtrip");
    ConfigurableApplicationContext app =
        apps.start(group, ctx -> ctx.registerBean(Capture.class, () -> capture));
    EventPublisher publisher = app.getBean(EventPublisher.class);
    capture.publisher = publisher;
    String meetingId = "m-" + UUID.randomUUID();

    EventEnvelope<MeetingCompleted> published =
        publisher.publish(
            new MeetingCompleted(meetingId, "u-1", Instant.now(), 60, 10, null), "u-1");

    assertThat(capture.payloads.poll(10, TimeUnit.SECONDS)).isEqualTo(published.payload());
    EventEnvelope<ApiKeyRevoked> caused = awaitEnvelope(capture, "caused-by-" + meetingId);
    assertThat(caused.causationId()).isEqualTo(published.id());
    assertThat(caused.correlationId()).isEqualTo(published.correlationId());
    assertThat(caused.userId()).isEqualTo("u-1");
    assertThat(caused.source()).isEqualTo(group);
  }

  @Test
  void segmentMessagesReachSegmentHandlers() throws Exception {
    Capture capture = new Capture();
    ConfigurableApplicationContext app =
        apps.start(group("segments"), ctx -> ctx.registerBean(Capture.class, () -> capture));
    Transcription message =
        new Transcription(
            "s-" + UUID.randomUUID(),
            "m-1",
            "zoom",
            "123",
            "en",
            null,
            List.of(new Segment(0, 1.5, "Ada", "Hello", "en", true, "1")));

    app.getBean(EventPublisher.class).publishSegment(message);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> capture.segments.stream().anyMatch(message::equals));
  }

  @Test
  void aServiceWithoutHandlersOfAStreamCreatesNoGroupOnIt() {
    OnlyRevocations handler = new OnlyRevocations();
    String group = group("events-only");
    ConfigurableApplicationContext app =
        apps.start(group, ctx -> ctx.registerBean(OnlyRevocations.class, () -> handler));
    app.getBean(EventPublisher.class).publish(new ApiKeyRevoked("h-" + group));

    await().atMost(Duration.ofSeconds(10)).until(() -> !handler.received.isEmpty());

    assertThat(groupNames(BudaiStreams.EVENTS)).contains(group);
    assertThat(groupNames(BudaiStreams.SEGMENTS)).doesNotContain(group);
  }

  @Test
  void stateChangeWriterAppendsEventsOnlyWhenTheScriptApplies() {
    ConfigurableApplicationContext app = apps.start(group("writer"), ctx -> {});
    StateChangeWriter writer = app.getBean(StateChangeWriter.class);
    String key = "budai:test:workflow:" + UUID.randomUUID();
    BusApps.redis().hset(key, Map.of("version", "1", "status", "pending"));
    String casBody =
        """
        if redis.call('HGET', KEYS[1], 'version') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'status', ARGV[2], 'version', ARGV[3])
        return 1""";
    String workflowId = "wf-" + UUID.randomUUID();
    WorkflowStateChanged event =
        new WorkflowStateChanged(
            workflowId, "meeting", "m-1", "pending", "running", "summarize", 1, null);

    long applied =
        writer.write(casBody, List.of(key), List.of("1", "running", "2"), List.of(event));
    long rejected =
        writer.write(casBody, List.of(key), List.of("1", "failed", "2"), List.of(event));

    assertThat(applied).isEqualTo(1);
    assertThat(rejected).isZero();
    assertThat(BusApps.redis().hgetall(key))
        .containsEntry("status", "running")
        .containsEntry("version", "2");
    List<StreamMessage<String, String>> entries =
        BusApps.redis()
            .xrevrange(
                BudaiStreams.EVENTS, Range.create("-", "+"), io.lettuce.core.Limit.from(200));
    List<StreamMessage<String, String>> ours =
        entries.stream().filter(e -> e.getBody().get("event").contains(workflowId)).toList();
    assertThat(ours).hasSize(1);
    assertThat(ours.getFirst().getBody())
        .containsEntry("type", "workflow.state.changed")
        .containsEntry("key", workflowId);
    assertThat(
            new EventCodec()
                .decodeAs(ours.getFirst().getBody().get("event"), WorkflowStateChanged.class)
                .payload())
        .isEqualTo(event);
  }

  private static EventEnvelope<ApiKeyRevoked> awaitEnvelope(Capture capture, String hash)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      EventEnvelope<ApiKeyRevoked> next = capture.envelopes.poll(100, TimeUnit.MILLISECONDS);
      if (next != null && next.payload().tokenHash().equals(hash)) {
        return next;
      }
    }
    throw new AssertionError("No apikey.revoked " + hash);
  }

  static List<String> groupNames(String stream) {
    if (BusApps.redis().exists(stream) == 0) {
      return List.of();
    }
    return BusApps.redis().xinfoGroups(stream).stream()
        .map(group -> groupName((List<?>) group))
        .toList();
  }

  private static String groupName(List<?> info) {
    for (int i = 0; i < info.size() - 1; i += 2) {
      if ("name".equals(String.valueOf(info.get(i)))) {
        return String.valueOf(info.get(i + 1));
      }
    }
    return "";
  }

  static String group(String name) {
    return "it-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
