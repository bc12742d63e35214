package io.budai.botmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiStreams;
import io.budai.test.LiveClient;
import io.budai.test.RealInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A bundled QMSum meeting (ES2002a, 287 turns) replayed end to end: bot-manager's simulated bot
 * publishes it into {@code budai:segments}, the real transcription-collector (a separate process)
 * ingests, flushes and finalizes it. Every spoken turn is in the transcript in order with its
 * speaker, {@code meeting.completed} goes out once, {@code /search} finds a phrase, and the {@code
 * /ws} feed shows the meeting live.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MeetingReplayIT {

  private static final FakeAdminService admin = FakeAdminServiceHolder.start();

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("bots.collector-url", () -> CollectorProcess.shared().url());
    registry.add("bots.admin-service-url", admin::url);
    registry.add("bots.runtime", () -> "simulated");
    registry.add("bots.simulated.join-delay", () -> "1500ms");
    registry.add("bots.simulated.admission-delay", () -> "200ms");
    registry.add("bots.simulated.left-alone-wait", () -> "300ms");
  }

  @AfterAll
  static void stopAdmin() {
    admin.close();
  }

  @Test
  void replaysAQmsumMeetingThroughBothServices() throws Exception {
    String user = "31337";
    String nativeId = "qms-umes-rep";
    Http bots = Http.port(port);
    Http collector = new Http(CollectorProcess.shared().url());
    List<String> expected = TestMeetings.spokenTurns("ES2002a");

    HttpResponse<String> created =
        bots.post(
            user,
            "/bots",
            """
            {"platform":"google_meet","native_meeting_id":"%s","bot_name":"BudAI",
             "slack_channel_id":"C0E2E","replay":{"sample":"ES2002a","speed":300}}"""
                .formatted(nativeId));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long meetingId = Http.json(created).get("id").asLong();

    LiveClient live = LiveClient.asUser(CollectorProcess.shared().port(), user);
    live.subscribe("google_meet", nativeId);
    await().untilAsserted(() -> assertThat(live.ofType("subscribed")).hasSize(1));

    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(() -> assertThat(completedEvents(meetingId)).hasSize(1));

    // every spoken turn, in order, with its speaker
    JsonNode transcript = collector.getOk(user, "/transcripts/google_meet/" + nativeId);
    List<String> turns =
        StreamSupport.stream(transcript.get("segments").spliterator(), false)
            .map(s -> s.get("speaker").asString() + ": " + s.get("text").asString())
            .toList();
    assertThat(turns).containsExactlyElementsOf(expected);
    assertThat(transcript.get("status").asString()).isEqualTo("completed");

    // meeting.completed once, after the final flush, with what the orchestrator needs
    JsonNode completed = completedEvents(meetingId).getFirst();
    assertThat(completed.get("segment_count").asInt()).isEqualTo(expected.size());
    assertThat(completed.get("slack_channel_id").asString()).isEqualTo("C0E2E");
    assertThat(completed.get("user_id").asString()).isEqualTo(user);

    // search finds a phrase from it
    JsonNode found = collector.getOk(user, "/search?q=%22kick-off%20meeting%22");
    assertThat(found.get("results")).isNotEmpty();
    assertThat(found.at("/results/0/meeting_id").asLong()).isEqualTo(meetingId);
    assertThat(found.at("/results/0/speaker").asString()).isEqualTo("Project Manager");
    assertThat(found.at("/results/0/snippet").asString()).contains("<mark>");

    // the live feed showed it while it played: segments before the meeting completed
    List<String> types = live.frames.stream().map(f -> f.path("type").asString()).toList();
    int firstSegment = types.indexOf("transcript.mutable");
    int completedStatus =
        indexOf(
            live.frames,
            f ->
                "meeting.status".equals(f.path("type").asString())
                    && "completed".equals(f.at("/payload/status").asString()));
    assertThat(firstSegment).isNotNegative();
    assertThat(completedStatus).isGreaterThan(firstSegment);
    assertThat(live.ofType("transcript.mutable").size()).isGreaterThan(expected.size());
    assertThat(live.ofType("transcript.finalized")).isNotEmpty();
    assertThat(live.ofType("meeting.status"))
        .extracting(f -> f.at("/payload/status").asString())
        .contains("joining", "awaiting_admission", "active", "stopping", "completed");
    live.close();
  }

  private List<JsonNode> completedEvents(long meetingId) {
    List<MapRecord<String, Object, Object>> entries =
        redis.opsForStream().range(BudaiStreams.EVENTS, Range.unbounded());
    return entries.stream()
        .map(MapRecord::getValue)
        .filter(fields -> "meeting.completed".equals(fields.get(BudaiStreams.FIELD_TYPE)))
        .map(
            fields ->
                Http.JSON
                    .readTree(String.valueOf(fields.get(BudaiStreams.FIELD_EVENT)))
                    .get("payload"))
        .filter(payload -> String.valueOf(meetingId).equals(payload.path("meeting_id").asString()))
        .toList();
  }

  private static int indexOf(List<JsonNode> frames, java.util.function.Predicate<JsonNode> test) {
    for (int i = 0; i < frames.size(); i++) {
      if (test.test(frames.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
