package io.budai.communicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.RedisKeys;
import io.budai.contracts.events.SlackEvent;
import io.budai.llm.bench.QmsumMeetings;
import io.budai.llm.bench.QmsumMeetings.Meeting;
import io.budai.llm.bench.QmsumMeetings.Question;
import io.budai.platform.bus.EventPublisher;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "budai.llm.engine=offline")
@RealInfrastructure
class CommunicatorAgentIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final FakeCollector COLLECTOR = new FakeCollector();
  static final List<Meeting> MEETINGS = QmsumMeetings.load();

  static {
    for (int i = 0; i < MEETINGS.size(); i++) {
      COLLECTOR.add(100 + i, "u1", MEETINGS.get(i).id().toLowerCase(), MEETINGS.get(i).turns());
    }
    COLLECTOR.add(900, "someone-else", "xyz-abcd-efg", MEETINGS.get(0).turns());
  }

  @DynamicPropertySource
  static void urls(DynamicPropertyRegistry registry) {
    registry.add("budai.communicator.collector-url", COLLECTOR::url);
    registry.add("budai.communicator.slack-url", COLLECTOR::url);
  }

  @AfterAll
  static void stop() {
    COLLECTOR.close();
  }

  @LocalServerPort int port;
  @Autowired StringRedisTemplate redis;
  @Autowired EventPublisher events;

  @Test
  void bootsHealthyWithMetricsAndOpenApi() {
    BootChecks.assertHealthyService(port, "communicator-agent", false);
  }

  @Test
  void briefsAMeetingFromItsTranscript() {
    HttpResponse<String> response = send(authed("/meetings/100/brief", "u1").GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode brief = JSON.readTree(response.body());
    assertThat(brief.get("meeting_id").asString()).isEqualTo("100");
    assertThat(brief.get("status").asString()).isEqualTo("completed");
    assertThat(brief.get("segment_count").asInt()).isEqualTo(MEETINGS.get(0).turns().size());
    assertThat(brief.get("summary").get("overview").asString()).contains("remote control");
    assertThat(brief.get("summary").get("key_points").size()).isPositive();
  }

  @Test
  void answersTheQmsumSpecificQuestionsWithCitationsInsideTheReferenceSpans() {
    int questions = 0;
    int hits = 0;
    for (int i = 0; i < MEETINGS.size(); i++) {
      for (Question q : MEETINGS.get(i).questions()) {
        JsonNode answer = JSON.readTree(ask(100 + i, q.query(), "u1").body());
        questions++;
        boolean hit = false;
        for (JsonNode c : answer.get("citations")) {
          assertThat(c.get("meeting_id").asString()).isEqualTo(String.valueOf(100 + i));
          assertThat(c.get("speaker").asString()).isNotBlank();
          assertThat(c.get("start").isNumber()).isTrue();
          hit |= inside(Integer.parseInt(c.get("segment_id").asString()), q);
        }
        hits += hit ? 1 : 0;
      }
    }
    System.out.printf(
        "ask citation hit rate over %d QMSum questions: %.1f%%%n",
        questions, 100.0 * hits / questions);
    assertThat(hits).as("hits of %d questions", questions).isGreaterThan(questions / 2);
  }

  @Test
  void answers404ForAMeetingTheUserDoesNotOwn() {
    HttpResponse<String> response = ask(900, "What was decided?", "u1");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).contains("problems/meeting-not-found");
    assertThat(ask(12345, "x?", "u1").statusCode()).isEqualTo(404);
    assertThat(send(authed("/meetings/not-a-number/brief", "u1").GET()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void rejectsAskWithoutQuestionOrUser() {
    assertThat(ask(100, " ", "u1").statusCode()).isEqualTo(422);
    assertThat(ask(100, "What?", null).statusCode()).isEqualTo(401);
  }

  @Test
  void keepsConversationContextInTheSessionWithATtl() {
    String session = "s-" + UUID.randomUUID();
    JsonNode list = converse(session, "u1", "list my meetings");
    assertThat(list.get("intent").asString()).isEqualTo("list_meetings");
    assertThat(list.get("reply").asString()).contains("meeting 109");

    // the follow-up question is about the meeting in focus (the most recent one listed)
    JsonNode ask = converse(session, "u1", "What did they say about the buttons?");
    assertThat(ask.get("intent").asString()).isEqualTo("ask");
    assertThat(ask.get("citations").size()).isPositive();
    assertThat(ask.get("citations").get(0).get("meeting_id").asString()).isEqualTo("109");

    JsonNode other = converse(session, "u1", "what about the price in meeting 104?");
    assertThat(other.get("citations").get(0).get("meeting_id").asString()).isEqualTo("104");

    // GET budai:session:{id} holds the conversation, with a TTL
    String stored = redis.opsForValue().get(RedisKeys.session(session));
    assertThat(stored).contains("\"meeting_id\":\"104\"").contains("list my meetings");
    assertThat(redis.getExpire(RedisKeys.session(session))).isPositive();

    assertThat(converse(session, "u1", "help").get("intent").asString()).isEqualTo("help");
    assertThat(
            converse(session, "u1", "please join https://meet.google.com/abc-defg-hij")
                .get("reply")
                .asString())
        .contains("/loop start https://meet.google.com/abc-defg-hij");
    assertThat(converse(session, "u1", "stop the bot").get("intent").asString())
        .isEqualTo("stop_bot");
    HttpResponse<String> stolen =
        post("/converse", Map.of("session_id", session, "user_id", "u2", "text", "hi"), "u2");
    assertThat(stolen.statusCode()).isEqualTo(403);
  }

  @Test
  void searchesAcrossTheUsersMeetingsWithoutAFocus() {
    JsonNode reply = converse("s-" + UUID.randomUUID(), "u1", "search scroll wheel");
    assertThat(reply.get("intent").asString()).isEqualTo("search");
    assertThat(reply.get("citations").size()).isPositive();
    assertThat(reply.get("reply").asString()).containsIgnoringCase("scroll");
  }

  @Test
  void repliesToSlackMentionsInTheThreadThroughSlackIntegration() {
    String eventId = "Ev" + UUID.randomUUID().toString().substring(0, 8);
    events.publish(
        new SlackEvent(
            eventId,
            "T1",
            "app_mention",
            "U9",
            "C42",
            "what about the remote control in meeting 101?",
            "1700000000.000100",
            null),
        "u1");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                COLLECTOR.posted.stream()
                    .anyMatch(
                        p ->
                            p.headers()
                                .get(BudaiHeaders.IDEMPOTENCY_KEY)
                                .equals("reply:" + eventId)));
    FakeCollector.Posted post =
        COLLECTOR.posted.stream()
            .filter(p -> p.headers().get(BudaiHeaders.IDEMPOTENCY_KEY).equals("reply:" + eventId))
            .findFirst()
            .orElseThrow();
    assertThat(post.body().get("channel")).isEqualTo("C42");
    assertThat(post.body().get("thread_ts")).isEqualTo("1700000000.000100");
    assertThat((String) post.body().get("text")).contains("Sources").contains("meeting 101");
  }

  static boolean inside(int turn, Question q) {
    return q.spans().stream().anyMatch(s -> turn >= s[0] && turn <= s[1]);
  }

  JsonNode converse(String session, String user, String text) {
    HttpResponse<String> r =
        post("/converse", Map.of("session_id", session, "user_id", user, "text", text), user);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  HttpResponse<String> ask(long meeting, String question, String user) {
    return post("/meetings/" + meeting + "/ask", Map.of("question", question), user);
  }

  HttpRequest.Builder authed(String path, String user) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN);
    if (user != null) {
      b.header(BudaiHeaders.USER_ID, user);
    }
    return b;
  }

  HttpResponse<String> post(String path, Object body, String user) {
    return send(
        authed(path, user)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  static HttpResponse<String> send(HttpRequest.Builder b) {
    return BootChecks.send(b);
  }
}
