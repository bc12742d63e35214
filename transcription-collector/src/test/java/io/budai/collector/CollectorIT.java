package io.budai.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.events.BotStatus;
import io.budai.contracts.events.BotStatusChanged;
import io.budai.contracts.segments.Segment;
import io.budai.contracts.segments.SessionEnd;
import io.budai.contracts.segments.SessionStart;
import io.budai.contracts.segments.Transcription;
import io.budai.platform.bus.EventPublisher;
import io.budai.test.LiveClient;
import io.budai.test.RealInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * The collector as a whole, on real Redis and PostgreSQL: the meeting record, segment ingest from
 * {@code budai:segments}, flush, merged and incremental reads, the status machine, {@code
 * meeting.completed} exactly once, search, data updates and deletion, tenant isolation, the {@code
 * /ws} feed.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "collector.flush.interval=200ms",
      "collector.flush.confirmed-after=300ms",
      "collector.flush.draft-after=2s",
      "collector.finalize-grace=3s",
      // nothing listens there: a key cannot be verified
      "collector.admin-service-url=http://127.0.0.1:1"
    })
@RealInfrastructure(postgres = true)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CollectorIT {

  private static final String ALICE = "1001";
  private static final String BOB = "1002";
  private static boolean sequenceMoved;

  @LocalServerPort int port;
  @Autowired EventPublisher publisher;
  @Autowired StringRedisTemplate redis;
  @Autowired JdbcClient jdbc;

  private Api api;
  private Events events;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    events = new Events(redis);
    if (!sequenceMoved) {
      // the test Redis is shared by every test class of this JVM, PostgreSQL is not: meeting ids
      // start somewhere random so no two classes meet on the same Redis keys
      jdbc.sql("SELECT setval('meetings_id_seq', :start)")
          .param("start", ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000))
          .query(Long.class)
          .single();
      sequenceMoved = true;
    }
  }

  @Test
  void createsMeetingsAndRefusesASecondRunningOneForTheSameNativeId() {
    String nativeId = nativeId();
    HttpResponse<String> created =
        api.post(
            null,
            "/internal/meetings",
            """
            {"user_id":"%s","platform":"google_meet","native_meeting_id":"%s",
             "data":{"bot_name":"BudAI","slack_channel_id":"C123"}}"""
                .formatted(ALICE, nativeId));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode meeting = Api.json(created);
    assertThat(meeting.get("status").asString()).isEqualTo("requested");
    assertThat(meeting.get("user_id").isNumber()).isTrue();
    assertThat(meeting.get("native_meeting_id").asString()).isEqualTo(nativeId);
    assertThat(meeting.at("/data/status_transition/0/to").asString()).isEqualTo("requested");

    HttpResponse<String> duplicate =
        api.post(
            null,
            "/internal/meetings",
            """
            {"user_id":"%s","platform":"google_meet","native_meeting_id":"%s"}"""
                .formatted(ALICE, nativeId));
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(duplicate.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(Api.json(duplicate).get("meeting_id").asLong())
        .isEqualTo(meeting.get("id").asLong());

    HttpResponse<String> badPlatform =
        api.post(
            null,
            "/internal/meetings",
            """
            {"user_id":"%s","platform":"skype","native_meeting_id":"x"}"""
                .formatted(ALICE));
    assertThat(badPlatform.statusCode()).isEqualTo(422);
  }

  @Test
  void mergesDraftsConfirmedAndStoredSegmentsInOrderWithSpeakers() {
    String nativeId = nativeId();
    long meetingId = api.createMeeting(ALICE, "google_meet", nativeId, "{}");
    String uid = UUID.randomUUID().toString();
    publisher.publishSegment(start(uid, meetingId, nativeId));
    publisher.publishSegment(
        transcription(
            uid,
            meetingId,
            nativeId,
            new Segment(0.0, 1.5, "Alice", "Okay {vocalsound} so", "en", false, uid + ":a:1"),
            new Segment(2.0, 3.0, "Bob", "{disfmarker} {vocalsound}", "en", true, uid + ":b:1")));
    publisher.publishSegment(
        transcription(
            uid,
            meetingId,
            nativeId,
            new Segment(
                0.0,
                1.9,
                "Alice",
                "Okay {vocalsound} so , let's start .",
                "en",
                true,
                uid + ":a:1"),
            new Segment(2.1, 4.0, "Bob", "Sounds good .", "en", true, null)));

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              JsonNode transcript = api.getOk(ALICE, "/transcripts/google_meet/" + nativeId);
              assertThat(texts(transcript))
                  .containsExactly("Alice: Okay so, let's start.", "Bob: Sounds good.");
            });
    JsonNode transcript = api.getOk(ALICE, "/transcripts/google_meet/" + nativeId);
    assertThat(transcript.at("/segments/0/segment_id").asString()).isEqualTo(uid + ":a:1");
    assertThat(transcript.at("/segments/1/segment_id").asString()).isEqualTo(uid + ":Bob:2100");
    assertThat(transcript.at("/segments/0/absolute_start_time").isNull()).isFalse();

    // the flusher moves them to PostgreSQL, then Redis lets go
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(storedCount(meetingId)).isEqualTo(2);
              assertThat(redis.opsForHash().size(RedisKeys.meetingSegments("" + meetingId)))
                  .isZero();
            });
    assertThat(texts(api.getOk(ALICE, "/transcripts/by-id/" + meetingId)))
        .containsExactly("Alice: Okay so, let's start.", "Bob: Sounds good.");
  }

  @Test
  void incrementalReadsReturnOnlyWhatChangedSinceTheCursor() {
    String nativeId = nativeId();
    long meetingId = api.createMeeting(ALICE, "google_meet", nativeId, "{}");
    String uid = UUID.randomUUID().toString();
    publisher.publishSegment(
        transcription(
            uid,
            meetingId,
            nativeId,
            new Segment(0, 1, "A", "first", "en", true, "s1"),
            new Segment(1, 2, "B", "second draft", "en", false, "s2")));
    await().untilAsserted(() -> assertThat(segments(meetingId)).hasSize(2));
    JsonNode first = api.getOk(ALICE, "/transcripts/by-id/" + meetingId);
    String cursor = first.get("next_since").asString();

    JsonNode nothing = api.getOk(ALICE, "/transcripts/by-id/" + meetingId + "?since=" + cursor);
    assertThat(nothing.get("segments")).isEmpty();
    assertThat(nothing.get("next_since").asString()).isEqualTo(cursor);

    publisher.publishSegment(
        transcription(
            uid,
            meetingId,
            nativeId,
            new Segment(1, 2, "B", "second, confirmed", "en", true, "s2"),
            new Segment(2, 3, "A", "third", "en", true, "s3")));
    await()
        .untilAsserted(
            () ->
                assertThat(
                        texts(
                            api.getOk(
                                ALICE, "/transcripts/by-id/" + meetingId + "?since=" + cursor)))
                    .containsExactly("B: second, confirmed", "A: third"));
    JsonNode next = api.getOk(ALICE, "/transcripts/by-id/" + meetingId + "?since=" + cursor);
    assertThat(Long.parseLong(next.get("next_since").asString()))
        .isGreaterThan(Long.parseLong(cursor));

    HttpResponse<String> bad = api.get(ALICE, "/transcripts/by-id/" + meetingId + "?since=abc");
    assertThat(bad.statusCode()).isEqualTo(422);
  }

  @Test
  void completesAMeetingOnceAfterTheFinalFlushWithItsSlackChannel() {
    String nativeId = nativeId();
    long meetingId =
        api.createMeeting(ALICE, "google_meet", nativeId, "{\"slack_channel_id\":\"C42\"}");
    String uid = UUID.randomUUID().toString();
    status(meetingId, BotStatus.JOINING);
    status(meetingId, BotStatus.IN_CALL);
    publisher.publishSegment(start(uid, meetingId, nativeId));
    publisher.publishSegment(
        transcription(
            uid,
            meetingId,
            nativeId,
            new Segment(0, 2, "A", "hello there", "en", true, "x1"),
            new Segment(2, 5, "B", "a draft never confirmed", "en", false, "x2")));
    publisher.publishSegment(
        new SessionEnd(
            uid, "" + meetingId, "google_meet", nativeId, "en", null, Instant.now(), "left"));
    status(meetingId, BotStatus.LEAVING);
    status(meetingId, BotStatus.ENDED);

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(events.of("meeting.completed", meetingId)).hasSize(1));
    JsonNode completed = events.of("meeting.completed", meetingId).getFirst();
    assertThat(completed.get("segment_count").asInt()).isEqualTo(2);
    assertThat(completed.get("slack_channel_id").asString()).isEqualTo("C42");
    assertThat(completed.get("user_id").asString()).isEqualTo(ALICE);
    // the final flush persisted the draft too, before the event
    assertThat(storedCount(meetingId)).isEqualTo(2);
    assertThat(events.of("meeting.started", meetingId)).hasSize(1);
    await().untilAsserted(() -> assertThat(events.of("usage.recorded", meetingId)).hasSize(1));
    assertThat(events.of("usage.recorded", meetingId).getFirst().get("amount").asDouble())
        .isEqualTo(5.0);

    JsonNode meeting = api.getOk(ALICE, "/meetings/" + meetingId);
    assertThat(meeting.get("status").asString()).isEqualTo("completed");
    assertThat(meeting.get("completion_reason").asString()).isEqualTo("stopped");
    assertThat(meeting.at("/data/status_transition").size()).isEqualTo(5);

    // a redelivered or repeated "ended", and an invalid move back, change nothing
    status(meetingId, BotStatus.ENDED);
    status(meetingId, BotStatus.IN_CALL);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(events.of("meeting.completed", meetingId)).hasSize(1);
              assertThat(api.getOk(ALICE, "/meetings/" + meetingId).get("status").asString())
                  .isEqualTo("completed");
            });
  }

  @Test
  void completesAMeetingWhoseSessionNeverEndedOnceTheGraceRunsOut() {
    String nativeId = nativeId();
    long meetingId = api.createMeeting(ALICE, "google_meet", nativeId, "{}");
    String uid = UUID.randomUUID().toString();
    publisher.publishSegment(start(uid, meetingId, nativeId));
    publisher.publishSegment(
        transcription(
            uid, meetingId, nativeId, new Segment(0, 2, "A", "only words", "en", true, "o1")));
    status(meetingId, BotStatus.IN_CALL);
    status(meetingId, BotStatus.FAILED);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        jdbc.sql("SELECT finalized_at IS NOT NULL FROM meetings WHERE id = :id")
                            .param("id", meetingId)
                            .query(Boolean.class)
                            .single())
                    .isTrue());
    JsonNode meeting = api.getOk(ALICE, "/meetings/" + meetingId);
    assertThat(meeting.get("status").asString()).isEqualTo("failed");
    assertThat(meeting.get("failure_stage").asString()).isEqualTo("active");
    // the final flush ran after the segment arrived, though the status came first
    assertThat(storedCount(meetingId)).isEqualTo(1);
    // a failed meeting gets no summary workflow
    assertThat(events.of("meeting.completed", meetingId)).isEmpty();
  }

  @Test
  void searchFindsPhrasesInTheCallersMeetingsOnlyWithHighlightedSnippets() {
    String nativeId = nativeId();
    long meetingId = api.createMeeting(ALICE, "google_meet", nativeId, "{}");
    String uid = UUID.randomUUID().toString();
    publisher.publishSegment(start(uid, meetingId, nativeId));
    publisher.publishSegment(
        transcription(
            uid,
            meetingId,
            nativeId,
            new Segment(
                0,
                3,
                "Laura",
                "R&D says: a remote control with <b>rubber</b> buttons",
                "en",
                true,
                "r1"),
            new Segment(3, 6, "David", "The budget is twelve euros fifty", "en", true, "r2")));
    await().untilAsserted(() -> assertThat(storedCount(meetingId)).isEqualTo(2));

    JsonNode found = api.getOk(ALICE, "/search?q=rubber%20buttons");
    assertThat(found.get("results")).hasSize(1);
    JsonNode hit = found.at("/results/0");
    assertThat(hit.get("meeting_id").asLong()).isEqualTo(meetingId);
    assertThat(hit.get("speaker").asString()).isEqualTo("Laura");
    assertThat(hit.get("snippet").asString())
        .contains("<mark>rubber</mark>")
        .contains("R&amp;D")
        .doesNotContain("<b>");
    assertThat(api.getOk(ALICE, "/search?q=%22twelve%20euros%22").get("results")).hasSize(1);
    assertThat(api.getOk(BOB, "/search?q=rubber").get("results")).isEmpty();
    assertThat(api.get(ALICE, "/search?q=").statusCode()).isEqualTo(422);
    assertThat(api.get(ALICE, "/search?q=x&limit=0").statusCode()).isEqualTo(422);
  }

  @Test
  void listsTheCallersMeetingsNewestFirstAPageAtATime() {
    String user = "77" + ThreadLocalRandom.current().nextInt(100_000);
    for (int i = 0; i < 3; i++) {
      api.createMeeting(user, "google_meet", nativeId(), "{}");
    }
    JsonNode page = api.getOk(user, "/meetings?limit=2");
    assertThat(page.get("meetings")).hasSize(2);
    assertThat(page.get("has_more").asBoolean()).isTrue();
    assertThat(page.at("/meetings/0/id").asLong())
        .isGreaterThan(page.at("/meetings/1/id").asLong());
    assertThat(page.at("/meetings/0/data").has("status_transition")).isFalse();
    JsonNode last = api.getOk(user, "/meetings?limit=2&offset=2");
    assertThat(last.get("meetings")).hasSize(1);
    assertThat(last.get("has_more").asBoolean()).isFalse();
    assertThat(api.getOk(user, "/meetings?status=completed").get("meetings")).isEmpty();
    assertThat(api.getOk(user, "/meetings?status=requested&platform=google_meet").get("meetings"))
        .hasSize(3);
    assertThat(api.get(user, "/meetings?limit=101").statusCode()).isEqualTo(422);
    assertThat(api.get(user, "/meetings?status=nonsense").statusCode()).isEqualTo(422);
    assertThat(api.get(null, "/meetings").statusCode()).isEqualTo(401);
  }

  @Test
  void updatesDataAndDeletesOnlyFinishedMeetingsIdempotently() {
    String nativeId = nativeId();
    long meetingId = api.createMeeting(ALICE, "google_meet", nativeId, "{}");
    String path = "/meetings/google_meet/" + nativeId;
    HttpResponse<String> patched =
        api.patch(
            ALICE,
            path,
            """
            {"data":{"name":"Kick-off","participants":["Laura","David"],"languages":["en"],
                     "notes":"first meeting"}}""");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(Api.json(patched).at("/data/name").asString()).isEqualTo("Kick-off");
    assertThat(api.patch(ALICE, path, "{\"data\":{}}").statusCode()).isEqualTo(400);
    assertThat(api.patch(ALICE, path, "{\"data\":{\"languages\":[\"English!\"]}}").statusCode())
        .isEqualTo(422);

    String uid = UUID.randomUUID().toString();
    publisher.publishSegment(
        transcription(
            uid, meetingId, nativeId, new Segment(0, 1, "A", "secret plans", "en", true, "d1")));
    await().untilAsserted(() -> assertThat(storedCount(meetingId)).isEqualTo(1));

    HttpResponse<String> running = api.delete(ALICE, path);
    assertThat(running.statusCode()).isEqualTo(409);
    assertThat(Api.json(running).get("detail").asString()).contains("requested");

    status(meetingId, BotStatus.ENDED);
    await()
        .untilAsserted(
            () ->
                assertThat(api.getOk(ALICE, "/meetings/" + meetingId).get("status").asString())
                    .isEqualTo("completed"));
    HttpResponse<String> deleted = api.delete(ALICE, path);
    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    assertThat(Api.json(deleted).get("message").asString()).contains("deleted and data anonymized");
    await().untilAsserted(() -> assertThat(storedCount(meetingId)).isZero());
    JsonNode anonymized = api.getOk(ALICE, "/meetings/" + meetingId);
    assertThat(anonymized.get("native_meeting_id").isNull()).isTrue();
    assertThat(anonymized.at("/data/redacted").asBoolean()).isTrue();
    assertThat(anonymized.at("/data/name").isMissingNode()).isTrue();
    assertThat(api.getOk(ALICE, "/transcripts/by-id/" + meetingId).get("segments")).isEmpty();
    assertThat(api.getOk(ALICE, "/search?q=secret").get("results")).isEmpty();
  }

  @Test
  void anotherUserGetsNotFoundOnEveryRouteOfSomeoneElsesMeeting() throws Exception {
    String nativeId = nativeId();
    long meetingId = api.createMeeting(ALICE, "google_meet", nativeId, "{}");
    assertThat(api.get(ALICE, "/meetings/" + meetingId).statusCode()).isEqualTo(200);

    assertThat(api.get(BOB, "/meetings/" + meetingId).statusCode()).isEqualTo(404);
    assertThat(api.get(BOB, "/transcripts/google_meet/" + nativeId).statusCode()).isEqualTo(404);
    assertThat(
            api.get(BOB, "/transcripts/google_meet/" + nativeId + "?meeting_id=" + meetingId)
                .statusCode())
        .isEqualTo(404);
    assertThat(api.get(BOB, "/transcripts/by-id/" + meetingId).statusCode()).isEqualTo(404);
    assertThat(
            api.patch(BOB, "/meetings/google_meet/" + nativeId, "{\"data\":{\"name\":\"x\"}}")
                .statusCode())
        .isEqualTo(404);
    assertThat(api.delete(BOB, "/meetings/google_meet/" + nativeId).statusCode()).isEqualTo(404);
    assertThat(api.getOk(BOB, "/meetings").get("meetings").toString()).doesNotContain(nativeId);

    LiveClient bob = LiveClient.asUser(port, BOB);
    bob.subscribe("google_meet", nativeId);
    await()
        .untilAsserted(
            () ->
                assertThat(bob.ofType("error"))
                    .anySatisfy(f -> assertThat(f.toString()).contains("meeting not found")));
    assertThat(bob.ofType("subscribed")).isEmpty();
    bob.close();
  }

  @Test
  void liveFeedDeliversSegmentsAndStatusOfTheCallersMeeting() throws Exception {
    String nativeId = nativeId();
    long meetingId = api.createMeeting(ALICE, "google_meet", nativeId, "{}");
    LiveClient alice = LiveClient.asUser(port, ALICE);
    alice.send("{\"action\":\"ping\"}");
    alice.subscribe("google_meet", nativeId);
    await().untilAsserted(() -> assertThat(alice.ofType("subscribed")).hasSize(1));
    assertThat(alice.ofType("pong")).hasSize(1);
    assertThat(alice.ofType("subscribed").getFirst().at("/meetings/0/meeting_id").asLong())
        .isEqualTo(meetingId);

    String uid = UUID.randomUUID().toString();
    status(meetingId, BotStatus.JOINING);
    publisher.publishSegment(
        transcription(
            uid, meetingId, nativeId, new Segment(0, 1, "A", "live words", "en", false, "l1")));
    publisher.publishSegment(
        transcription(
            uid, meetingId, nativeId, new Segment(0, 1.2, "A", "live words!", "en", true, "l1")));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(alice.ofType("transcript.mutable")).hasSize(2);
              assertThat(alice.ofType("transcript.finalized")).hasSize(1);
              assertThat(alice.ofType("meeting.status"))
                  .anySatisfy(
                      f -> assertThat(f.at("/payload/status").asString()).isEqualTo("joining"));
            });
    JsonNode mutable = alice.ofType("transcript.mutable").get(1);
    assertThat(mutable.at("/meeting/native_id").asString()).isEqualTo(nativeId);
    assertThat(mutable.at("/payload/segments/0/text").asString()).isEqualTo("live words!");
    assertThat(mutable.at("/payload/segments/0/completed").asBoolean()).isTrue();
    assertThat(
            alice
                .ofType("transcript.finalized")
                .getFirst()
                .at("/payload/segments/0/text")
                .asString())
        .isEqualTo("live words!");

    alice.send("{\"action\":\"dance\"}");
    alice.send("not json");
    alice.send("{\"action\":\"subscribe\"}");
    await()
        .untilAsserted(
            () ->
                assertThat(alice.ofType("error"))
                    .extracting(f -> f.get("error").asString())
                    .contains("unknown_action", "invalid_json", "invalid_subscribe_payload"));
    alice.close();
  }

  @Test
  void liveFeedRefusesAConnectionWithoutIdentity() throws Exception {
    LiveClient anonymous = LiveClient.direct(port, Map.of(), "");
    await()
        .untilAsserted(
            () -> {
              assertThat(anonymous.closeCode).isEqualTo(4401);
              assertThat(anonymous.ofType("error").getFirst().get("error").asString())
                  .isEqualTo("missing_api_key");
            });
    // a key nobody can verify (admin-service is not running here) is retryable, not accepted
    LiveClient unverifiable = LiveClient.direct(port, Map.of(), "?api_key=vxa_bot_nope");
    await().untilAsserted(() -> assertThat(unverifiable.closeCode).isEqualTo(4503));
  }

  private void status(long meetingId, BotStatus status) {
    publisher.publish(new BotStatusChanged("bot-" + meetingId, "" + meetingId, status, null));
  }

  private static SessionStart start(String uid, long meetingId, String nativeId) {
    return new SessionStart(
        uid, "" + meetingId, "google_meet", nativeId, "en", "test", null, Instant.now());
  }

  private static Transcription transcription(
      String uid, long meetingId, String nativeId, Segment... segments) {
    return new Transcription(
        uid, "" + meetingId, "google_meet", nativeId, "en", "test", List.of(segments));
  }

  private List<JsonNode> segments(long meetingId) {
    JsonNode transcript = api.getOk(ALICE, "/transcripts/by-id/" + meetingId);
    return StreamSupport.stream(transcript.get("segments").spliterator(), false).toList();
  }

  private static List<String> texts(JsonNode transcript) {
    return StreamSupport.stream(transcript.get("segments").spliterator(), false)
        .map(s -> s.get("speaker").asString() + ": " + s.get("text").asString())
        .toList();
  }

  private long storedCount(long meetingId) {
    return jdbc.sql("SELECT count(*) FROM segments WHERE meeting_id = :id")
        .param("id", meetingId)
        .query(Long.class)
        .single();
  }

  private static String nativeId() {
    String letters = "abcdefghijklmnopqrstuvwxyz";
    StringBuilder id = new StringBuilder();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int part : new int[] {3, 4, 3}) {
      if (!id.isEmpty()) {
        id.append('-');
      }
      for (int i = 0; i < part; i++) {
        id.append(letters.charAt(random.nextInt(letters.length())));
      }
    }
    return id.toString();
  }
}
