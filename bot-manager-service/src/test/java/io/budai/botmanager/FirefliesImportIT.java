package io.budai.botmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.botmanager.bots.Bot;
import io.budai.botmanager.bots.BotStore;
import io.budai.botmanager.fireflies.FirefliesPoller;
import io.budai.contracts.BudaiStreams;
import io.budai.contracts.events.BotStatus;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SessionStart;
import io.budai.contracts.segments.Transcription;
import io.budai.platform.bus.EventPublisher;
import io.budai.test.RealInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
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
 * Fireflies as a transcript source against a local Fireflies GraphQL server (its wire format, rate
 * limits and errors) with the real transcription-collector: an imported QMSum meeting completes
 * with every sentence in order and its speakers, {@code meeting.completed} goes out once, importing
 * again changes nothing, the poller imports only new transcripts page by page, and every failure is
 * a problem that loses nothing imported before.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FirefliesImportIT {

  private static final FakeAdminService admin = FakeAdminServiceHolder.start();
  private static final FakeFireflies fireflies = startFireflies();
  private static final String OWNER = "40" + (System.nanoTime() % 1_000_000);

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;
  @Autowired FirefliesPoller poller;
  @Autowired BotStore store;
  @Autowired EventPublisher events;
  private Http bots;
  private Http collector;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("bots.collector-url", () -> CollectorProcess.shared().url());
    registry.add("bots.admin-service-url", admin::url);
    registry.add("bots.runtime", () -> "simulated");
    registry.add("bots.fireflies.api-key", () -> FakeFireflies.API_KEY);
    registry.add("bots.fireflies.user-id", () -> OWNER);
    registry.add("bots.fireflies.url", fireflies::url);
    registry.add("bots.fireflies.poll-interval", () -> "0s");
    registry.add("bots.fireflies.page-size", () -> "2");
    registry.add("bots.fireflies.max-retry-wait", () -> "3s");
    registry.add("bots.fireflies.slack-channel-id", () -> "CFIREFLY");
  }

  @AfterAll
  static void stop() {
    admin.close();
    fireflies.close();
  }

  @BeforeEach
  void setUp() {
    fireflies.reset();
    bots = Http.port(port);
    collector = new Http(CollectorProcess.shared().url());
  }

  @Test
  void importsAFirefliesTranscriptAsACompletedMeetingOnce() throws Exception {
    String id = newId();
    Instant date = Instant.parse("2026-03-02T09:30:00Z");
    fireflies.addQmsum(id, "IS1000a", "Remote control kick-off", date);
    List<String> expected = TestMeetings.spokenTurns("IS1000a");

    HttpResponse<String> created = importTranscript(OWNER, id);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode meeting = Http.json(created);
    long meetingId = meeting.get("id").asLong();
    assertThat(meeting.get("platform").asString()).isEqualTo("fireflies");
    assertThat(meeting.get("native_meeting_id").asString()).isEqualTo(id);
    assertThat(meeting.at("/data/name").asString()).isEqualTo("Remote control kick-off");
    assertThat(meeting.at("/data/participants").toString()).contains("designer@example.com");
    assertThat(meeting.at("/data/fireflies/date").asString()).isEqualTo(date.toString());

    // the real wire format: Bearer key, {"query","variables"} asking for the sentences' fields
    assertThat(fireflies.authorizations).allMatch(a -> a.equals("Bearer " + FakeFireflies.API_KEY));
    JsonNode request = fireflies.requests.getFirst();
    assertThat(request.get("variables").get("id").asString()).isEqualTo(id);
    assertThat(request.get("query").asString())
        .contains("transcript(id: $id)", "speaker_name", "text", "start_time", "end_time");

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> assertThat(completedEvents(meetingId)).hasSize(1));
    JsonNode transcript = collector.getOk(OWNER, "/transcripts/fireflies/" + id);
    assertThat(TestMeetings.texts(transcript)).containsExactlyElementsOf(expected);
    assertThat(transcript.get("status").asString()).isEqualTo("completed");
    JsonNode completed = completedEvents(meetingId).getFirst();
    assertThat(completed.get("segment_count").asInt()).isEqualTo(expected.size());
    assertThat(completed.get("user_id").asString()).isEqualTo(OWNER);
    assertThat(completed.get("slack_channel_id").asString()).isEqualTo("CFIREFLY");
    JsonNode stored = collector.getOk(OWNER, "/meetings/" + meetingId);
    assertThat(stored.get("completion_reason").asString()).isEqualTo("imported");
    // absolute times count from the Fireflies meeting's date
    assertThat(transcript.at("/segments/0/absolute_start_time").asString())
        .startsWith("2026-03-02T09:30");

    // importing again: the same meeting, no new meeting, segment or event
    int requestsBefore = fireflies.requests.size();
    HttpResponse<String> again = importTranscript(OWNER, id);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(Http.json(again).get("id").asLong()).isEqualTo(meetingId);
    assertThat(fireflies.requests).hasSize(requestsBefore);
    JsonNode meetings =
        collector.getOk(OWNER, "/meetings?platform=fireflies&native_meeting_id=" + id);
    assertThat(meetings.get("meetings")).hasSize(1);
    assertThat(TestMeetings.texts(collector.getOk(OWNER, "/transcripts/fireflies/" + id)))
        .hasSize(expected.size());
    assertThat(eventsOfType("bot.requested", id)).hasSize(1);

    // the list shows it imported
    JsonNode list = bots.getOk(OWNER, "/imports/fireflies?limit=5");
    JsonNode row = list.get("transcripts").get(0);
    assertThat(row.get("id").asString()).isEqualTo(id);
    assertThat(row.get("imported").asBoolean()).isTrue();
    assertThat(row.get("meeting_id").asLong()).isEqualTo(meetingId);
    assertThat(completedEvents(meetingId)).hasSize(1);
  }

  @Test
  void pollerImportsOnlyNewTranscriptsPageByPage() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String a = newId();
    String b = newId();
    String c = newId();
    String live = newId();
    String old = newId();
    fireflies.add(a, "Standup A", now.minus(3, ChronoUnit.HOURS), false, "Ann", "Morning all.");
    fireflies.add(b, "Standup B", now.minus(2, ChronoUnit.HOURS), false, "Bob", "Shipping today.");
    fireflies.add(c, "Standup C", now.minus(1, ChronoUnit.HOURS), false, "Cid", "Reviewing now.");
    fireflies.add(live, "Running", now, true, "Dee", "Still talking.");
    fireflies.add(old, "Last month", now.minus(30, ChronoUnit.DAYS), false, "Eve", "Long ago.");

    assertThat(poller.poll()).isEqualTo(3);
    // pages of two (limit/skip) until a short page; fromDate keeps last month's out
    List<JsonNode> lists =
        fireflies.requests.stream()
            .filter(r -> r.get("query").asString().contains("transcripts("))
            .toList();
    assertThat(lists).extracting(r -> r.at("/variables/skip").asInt()).containsExactly(0, 2, 4);
    assertThat(lists).allMatch(r -> r.at("/variables/limit").asInt() == 2);
    assertThat(lists.getFirst().at("/variables/fromDate").asString()).isNotBlank();
    for (String id : List.of(a, b, c)) {
      assertThat(importedMeetings(id)).as(id).hasSize(1);
    }
    assertThat(importedMeetings(live)).isEmpty();
    assertThat(importedMeetings(old)).isEmpty();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        TestMeetings.texts(collector.getOk(OWNER, "/transcripts/fireflies/" + b)))
                    .containsExactly("Bob: Shipping today."));

    // a new transcript: the next poll imports it and only it
    String d = newId();
    fireflies.add(d, "Standup D", now.minus(10, ChronoUnit.MINUTES), false, "Fay", "New one.");
    fireflies.requests.clear();
    assertThat(poller.poll()).isEqualTo(1);
    assertThat(
            fireflies.requests.stream()
                .filter(r -> r.get("query").asString().contains("transcript(id"))
                .map(r -> r.at("/variables/id").asString()))
        .containsExactly(d);
    assertThat(importedMeetings(d)).hasSize(1);
    assertThat(poller.poll()).isZero();
    for (String id : List.of(a, b, c, d)) {
      assertThat(importedMeetings(id)).as(id).hasSize(1);
    }
  }

  @Test
  void waitsOutShortRateLimitsBothWays() {
    String id = newId();
    fireflies.add(id, "Rate limited", Instant.now(), false, "Ann", "One.", "Bob", "Two.");
    // HTTP 429 with Retry-After: 1 (seconds), then an answer
    fireflies.failNext(FakeFireflies.Failure.HTTP_429, 1, 1);
    HttpResponse<String> first = importTranscript(OWNER, id);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    assertThat(fireflies.requests).hasSize(2);

    // GraphQL too_many_requests with HTTP 200 and metadata.retryAfter (epoch ms)
    String other = newId();
    fireflies.add(other, "Rate limited too", Instant.now(), false, "Cid", "Three.");
    fireflies.failNext(FakeFireflies.Failure.GRAPHQL_RATE_LIMIT, 1, 300);
    HttpResponse<String> second = importTranscript(OWNER, other);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
  }

  @Test
  void failuresAreProblemsAndLoseNothingImported() {
    String kept = newId();
    fireflies.add(kept, "Kept", Instant.now(), false, "Ann", "Keep this.");
    HttpResponse<String> imported = importTranscript(OWNER, kept);
    assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
    long keptMeeting = Http.json(imported).get("id").asLong();
    String id = newId();
    fireflies.add(id, "Troubled", Instant.now(), false, "Bob", "Maybe later.");

    // malformed id, missing id → 422
    assertProblem(importTranscript(OWNER, "not a valid id!"), 422, "invalid-transcript-id");
    assertProblem(bots.post(OWNER, "/imports/fireflies", "{}"), 422, "validation");
    // unknown transcript → 404 (Fireflies' object_not_found, with HTTP 200)
    assertProblem(
        importTranscript(OWNER, "01UNKNOWN" + newId()), 404, "fireflies-transcript-not-found");
    // still live → 409
    String live = newId();
    fireflies.add(live, "Live", Instant.now(), true, "Cid", "Talking.");
    assertProblem(importTranscript(OWNER, live), 409, "fireflies-transcript-live");
    // someone else than FIREFLIES_USER_ID → 403
    assertProblem(importTranscript("999" + OWNER, id), 403, "fireflies-not-yours");

    // a long rate limit is not waited out: 503 with Retry-After
    fireflies.failNext(FakeFireflies.Failure.HTTP_429, 5, 120);
    HttpResponse<String> limited = importTranscript(OWNER, id);
    assertProblem(limited, 503, "fireflies-rate-limited");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("120");
    assertThat(Http.json(limited).get("retry_after_s").asInt()).isEqualTo(120);
    fireflies.failNext(FakeFireflies.Failure.GRAPHQL_RATE_LIMIT, 5, 3_600_000);
    assertProblem(importTranscript(OWNER, id), 503, "fireflies-rate-limited");

    // Fireflies refuses the key: HTTP 401, or an error with HTTP 200 → 502 naming the key
    fireflies.failNext(FakeFireflies.Failure.NONE, 0, 0);
    fireflies.acceptKey("rotated-key");
    HttpResponse<String> refused = importTranscript(OWNER, id);
    assertProblem(refused, 502, "fireflies-unauthorized");
    assertThat(Http.json(refused).get("detail").asString()).contains("FIREFLIES_API_KEY");
    fireflies.acceptKey(FakeFireflies.API_KEY);
    fireflies.failNext(FakeFireflies.Failure.GRAPHQL_UNAUTHORIZED, 2, 0);
    assertProblem(importTranscript(OWNER, id), 502, "fireflies-unauthorized");
    assertProblem(bots.get(OWNER, "/imports/fireflies"), 502, "fireflies-unauthorized");
    // any other GraphQL error with HTTP 200 → 502 with Fireflies' message
    fireflies.failNext(FakeFireflies.Failure.GRAPHQL_ERROR, 1, 0);
    HttpResponse<String> broken = importTranscript(OWNER, id);
    assertProblem(broken, 502, "fireflies-error");
    assertThat(Http.json(broken).get("detail").asString()).contains("sentencez");

    // none of that created a meeting; the earlier import is intact; the transcript imports now
    assertThat(importedMeetings(id)).isEmpty();
    HttpResponse<String> keptAgain = importTranscript(OWNER, kept);
    assertThat(keptAgain.statusCode()).isEqualTo(200);
    assertThat(Http.json(keptAgain).get("id").asLong()).isEqualTo(keptMeeting);
    HttpResponse<String> recovered = importTranscript(OWNER, id);
    assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(201);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        TestMeetings.texts(collector.getOk(OWNER, "/transcripts/fireflies/" + id)))
                    .containsExactly("Bob: Maybe later."));
    assertThat(TestMeetings.texts(collector.getOk(OWNER, "/transcripts/fireflies/" + kept)))
        .containsExactly("Ann: Keep this.");
  }

  @Test
  void resumesAnImportWhoseReplicaDiedWithoutDuplicatingSegments() {
    String id = newId();
    Instant date = Instant.parse("2026-03-03T10:00:00Z");
    fireflies.add(
        id,
        "Interrupted",
        date,
        false,
        "Ann",
        "First point.",
        "Bob",
        "Second point.",
        "Ann",
        "Third point.");
    // what a replica that died mid-import leaves: the meeting, its bot recording, one segment sent
    String botId = UUID.randomUUID().toString();
    String url = "https://app.fireflies.ai/view/" + id;
    HttpResponse<String> created =
        collector.post(
            null,
            "/internal/meetings",
            """
            {"user_id":"%s","platform":"fireflies","native_meeting_id":"%s",
             "constructed_meeting_url":"%s","bot_container_id":"%s","data":{}}"""
                .formatted(OWNER, id, url, botId));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long meetingId = Http.json(created).get("id").asLong();
    Instant now = Instant.now();
    Bot bot =
        new Bot(
            botId,
            meetingId,
            OWNER,
            "fireflies",
            id,
            url,
            "fireflies",
            BotStatus.REQUESTED,
            null,
            null,
            "transcribe",
            "Fireflies",
            null,
            now,
            now);
    assertThat(store.createAttached(bot)).isTrue();
    store.transition(bot, BotStatus.RECORDING, null);
    String meeting = String.valueOf(meetingId);
    events.publishSegment(
        new SessionStart(botId, meeting, "fireflies", id, null, "fireflies", OWNER, date));
    events.publishSegment(
        new Transcription(
            botId,
            meeting,
            "fireflies",
            id,
            null,
            "fireflies",
            List.of(new Segment(0, 2, "Ann", "First point.", null, true, botId + ":0"))));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        TestMeetings.texts(collector.getOk(OWNER, "/transcripts/fireflies/" + id)))
                    .containsExactly("Ann: First point."));

    HttpResponse<String> resumed = importTranscript(OWNER, id);
    assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(201);
    assertThat(Http.json(resumed).get("id").asLong()).isEqualTo(meetingId);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(completedEvents(meetingId)).hasSize(1));
    assertThat(TestMeetings.texts(collector.getOk(OWNER, "/transcripts/fireflies/" + id)))
        .containsExactly("Ann: First point.", "Bob: Second point.", "Ann: Third point.");
    assertThat(importedMeetings(id)).hasSize(1);
    assertThat(completedEvents(meetingId).getFirst().get("segment_count").asInt()).isEqualTo(3);
  }

  private HttpResponse<String> importTranscript(String user, String id) {
    return bots.post(user, "/imports/fireflies", "{\"transcript_id\":\"" + id + "\"}");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(Http.json(response).get("type").asString()).endsWith("/" + slug);
  }

  private JsonNode importedMeetings(String id) {
    return collector
        .getOk(OWNER, "/meetings?platform=fireflies&native_meeting_id=" + id)
        .get("meetings");
  }

  private static String newId() {
    return "01J" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
  }

  private List<JsonNode> completedEvents(long meetingId) {
    return eventsOfType("meeting.completed", null).stream()
        .filter(p -> String.valueOf(meetingId).equals(p.path("meeting_id").asString()))
        .toList();
  }

  private List<JsonNode> eventsOfType(String type, String nativeId) {
    List<MapRecord<String, Object, Object>> entries =
        redis.opsForStream().range(BudaiStreams.EVENTS, Range.unbounded());
    return entries.stream()
        .map(MapRecord::getValue)
        .filter(fields -> type.equals(fields.get(BudaiStreams.FIELD_TYPE)))
        .map(
            fields ->
                Http.JSON
                    .readTree(String.valueOf(fields.get(BudaiStreams.FIELD_EVENT)))
                    .get("payload"))
        .filter(p -> nativeId == null || nativeId.equals(p.path("native_meeting_id").asString()))
        .toList();
  }

  private static FakeFireflies startFireflies() {
    try {
      return new FakeFireflies();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
