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
import io.budai.test.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The collector stopped and started again mid-meeting, on the same Redis and PostgreSQL: no segment
 * is lost or duplicated, whether it stops while a bot keeps talking, between a Redis write and the
 * flush, or between the flush's commit and its Redis delete.
 */
class CollectorRestartIT {

  private static final String USER = "4242";
  private static String database;

  private ConfigurableApplicationContext running;
  private final SegmentStream stream = new SegmentStream();

  @BeforeAll
  static void database() throws Exception {
    database = TestInfrastructure.newDatabase("CollectorRestartIT");
  }

  @AfterEach
  void stop() {
    if (running != null) {
      running.close();
    }
    stream.close();
  }

  @Test
  void restartMidMeetingLosesAndDuplicatesNoSegment() throws Exception {
    running = start(true);
    Api api = api(running);
    String nativeId = "rst-" + UUID.randomUUID().toString().substring(0, 8);
    long meetingId = api.createMeeting(USER, "google_meet", nativeId, "{}");
    String uid = UUID.randomUUID().toString();
    stream.publish(
        new SessionStart(
            uid, "" + meetingId, "google_meet", nativeId, "en", null, USER, Instant.now()));
    IntStream.range(0, 50).forEach(i -> stream.publish(segment(uid, meetingId, nativeId, i)));
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(texts(api, meetingId)).hasSize(50));

    running.close();
    // the bot keeps talking while the collector is down
    IntStream.range(50, 100).forEach(i -> stream.publish(segment(uid, meetingId, nativeId, i)));
    stream.publish(
        new SessionEnd(
            uid, "" + meetingId, "google_meet", nativeId, "en", null, Instant.now(), "left"));

    running = start(true);
    Api restarted = api(running);
    running
        .getBean(EventPublisher.class)
        .publish(new BotStatusChanged("b", "" + meetingId, BotStatus.ENDED, null));
    Events events = new Events(running.getBean(StringRedisTemplate.class));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(events.of("meeting.completed", meetingId)).hasSize(1));
    assertThat(events.of("meeting.completed", meetingId).getFirst().get("segment_count").asInt())
        .isEqualTo(100);
    assertThat(texts(restarted, meetingId)).containsExactlyElementsOf(expected(0, 100));
    assertThat(storedCount(meetingId)).isEqualTo(100);
  }

  @Test
  void stopBetweenTheRedisWriteAndTheFlushLosesNothing() throws Exception {
    running = start(false);
    Api api = api(running);
    String nativeId = "kil-" + UUID.randomUUID().toString().substring(0, 8);
    long meetingId = api.createMeeting(USER, "google_meet", nativeId, "{}");
    String uid = UUID.randomUUID().toString();
    IntStream.range(0, 40).forEach(i -> stream.publish(segment(uid, meetingId, nativeId, i)));
    StringRedisTemplate redis = running.getBean(StringRedisTemplate.class);
    await()
        .untilAsserted(
            () ->
                assertThat(redis.opsForHash().size(RedisKeys.meetingSegments("" + meetingId)))
                    .isEqualTo(40));
    assertThat(storedCount(meetingId)).isZero();

    running.close();
    running = start(true);
    StringRedisTemplate restartedRedis = running.getBean(StringRedisTemplate.class);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(storedCount(meetingId)).isEqualTo(40);
              assertThat(
                      restartedRedis.opsForHash().size(RedisKeys.meetingSegments("" + meetingId)))
                  .isZero();
            });
    assertThat(texts(api(running), meetingId)).containsExactlyElementsOf(expected(0, 40));
  }

  @Test
  void stopBetweenTheFlushCommitAndTheRedisDeleteDuplicatesNothing() throws Exception {
    running = start(false);
    Api api = api(running);
    String nativeId = "cmt-" + UUID.randomUUID().toString().substring(0, 8);
    long meetingId = api.createMeeting(USER, "google_meet", nativeId, "{}");
    String uid = UUID.randomUUID().toString();
    IntStream.range(0, 30).forEach(i -> stream.publish(segment(uid, meetingId, nativeId, i)));
    StringRedisTemplate redis = running.getBean(StringRedisTemplate.class);
    String key = RedisKeys.meetingSegments("" + meetingId);
    await().untilAsserted(() -> assertThat(redis.opsForHash().size(key)).isEqualTo(30));
    // what a flush that died right after its commit leaves: rows in PostgreSQL, fields in Redis
    Map<Object, Object> hot = redis.opsForHash().entries(key);
    try (Connection connection = DriverManager.getConnection(database);
        PreparedStatement insert =
            connection.prepareStatement(
                """
                INSERT INTO transcripts.segments (meeting_id, segment_id, session_uid, start_time,
                    end_time, text, speaker, language, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'en', ?)""")) {
      for (Object value : hot.values()) {
        String[] parts = value.toString().split("\\|", 4);
        JsonNode body = Api.JSON.readTree(parts[3]);
        insert.setLong(1, meetingId);
        insert.setString(2, body.get("segment_id").asString());
        insert.setString(3, body.get("session_uid").asString());
        insert.setDouble(4, body.get("start").asDouble());
        insert.setDouble(5, body.get("end").asDouble());
        insert.setString(6, body.get("text").asString());
        insert.setString(7, body.get("speaker").asString());
        insert.setLong(8, Long.parseLong(parts[0]));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    running.close();
    running = start(true);
    StringRedisTemplate restartedRedis = running.getBean(StringRedisTemplate.class);
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(restartedRedis.opsForHash().size(key)).isZero());
    assertThat(storedCount(meetingId)).isEqualTo(30);
    assertThat(texts(api(running), meetingId)).containsExactlyElementsOf(expected(0, 30));
  }

  private static Transcription segment(String uid, long meetingId, String nativeId, int i) {
    String speaker = i % 2 == 0 ? "Project Manager" : "Marketing";
    return new Transcription(
        uid,
        "" + meetingId,
        "google_meet",
        nativeId,
        "en",
        null,
        List.of(
            new Segment(i * 2.0, i * 2.0 + 1.5, speaker, "turn number " + i, "en", true, null)));
  }

  private static List<String> expected(int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> (i % 2 == 0 ? "Project Manager" : "Marketing") + ": turn number " + i)
        .toList();
  }

  private static List<String> texts(Api api, long meetingId) {
    JsonNode transcript = api.getOk(USER, "/transcripts/by-id/" + meetingId);
    return StreamSupport.stream(transcript.get("segments").spliterator(), false)
        .map(s -> s.get("speaker").asString() + ": " + s.get("text").asString())
        .toList();
  }

  private static long storedCount(long meetingId) throws Exception {
    try (Connection connection = DriverManager.getConnection(database);
        PreparedStatement count =
            connection.prepareStatement(
                "SELECT count(*), count(DISTINCT segment_id) FROM transcripts.segments WHERE meeting_id = ?")) {
      count.setLong(1, meetingId);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).as("no duplicate rows").isEqualTo(rs.getLong(2));
        return rs.getLong(1);
      }
    }
  }

  private static ConfigurableApplicationContext start(boolean flush) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.port", "0");
    properties.put("spring.data.redis.url", TestInfrastructure.redisUrl());
    properties.put("spring.datasource.url", database);
    properties.put("spring.datasource.username", "postgres");
    properties.put("spring.datasource.password", "");
    properties.put("budai.internal-token", TestInfrastructure.INTERNAL_TOKEN);
    properties.put("budai.bus.claim-idle-time", "2s");
    properties.put("collector.flush.enabled", String.valueOf(flush));
    properties.put("collector.flush.interval", "200ms");
    properties.put("collector.flush.confirmed-after", "100ms");
    properties.put("collector.finalize-grace", "2s");
    properties.put("collector.admin-service-url", "http://127.0.0.1:1");
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TranscriptionCollectorApplication.class)
            .run(
                properties.entrySet().stream()
                    .map(e -> "--" + e.getKey() + "=" + e.getValue())
                    .toArray(String[]::new));
    moveSequence(context);
    return context;
  }

  private static void moveSequence(ConfigurableApplicationContext context) {
    // ids start somewhere random: the test Redis is shared with the other test classes
    context
        .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
        .sql(
            "SELECT setval('meetings_id_seq', GREATEST(:start, (SELECT COALESCE(max(id), 1) FROM meetings)))")
        .param("start", ThreadLocalRandom.current().nextLong(1_000_000_000L, 2_000_000_000L))
        .query(Long.class)
        .single();
  }

  private static Api api(ConfigurableApplicationContext context) {
    return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }
}
