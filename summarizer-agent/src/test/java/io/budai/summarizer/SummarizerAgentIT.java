package io.budai.summarizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.BudaiStreams;
import io.budai.llm.bench.QmsumMeetings;
import io.budai.llm.bench.QmsumMeetings.Meeting;
import io.budai.llm.fake.FakeOpenAi;
import io.budai.llm.fake.FakeOpenAi.Reply;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "budai.summarizer.max-transcript-chars=200000")
@RealInfrastructure
class SummarizerAgentIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final FakeOpenAi OPENAI = new FakeOpenAi();

  @LocalServerPort int port;

  @Autowired StringRedisTemplate redis;

  @DynamicPropertySource
  static void llm(DynamicPropertyRegistry registry) {
    registry.add("budai.llm.openai.base-url", OPENAI::baseUrl);
    registry.add("budai.llm.openai.api-key", () -> "sk-test");
    registry.add("budai.llm.openai.max-retries", () -> "0");
    registry.add("budai.llm.cache.enabled", () -> "false");
  }

  @AfterAll
  static void stopFake() {
    OPENAI.close();
  }

  @Test
  void bootsHealthyWithMetricsAndOpenApi() {
    BootChecks.assertHealthyService(port, "summarizer-agent", false);
  }

  @Test
  void answersUnknownPathsWithAProblem() {
    HttpResponse<String> response = BootChecks.get(port, "/no-such-endpoint");
    assertThat(response.statusCode()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void summarizesASampleMeetingOfflineNamingOnlyRealSpeakersAsOwners() {
    Meeting meeting = QmsumMeetings.load().get(1);
    HttpResponse<String> response = post(request(meeting, "offline"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("meeting_id").asString()).isEqualTo(meeting.id());
    assertThat(body.get("engine").asString()).isEqualTo("offline");
    assertThat(body.get("model").asString()).isEqualTo("offline-extractive");
    assertThat(body.get("overview").asString()).isNotBlank();
    assertThat(body.get("key_points").size()).isPositive();
    assertThat(body.get("usage").get("prompt_tokens").asLong()).isZero();
    Set<String> speakers = new HashSet<>();
    meeting.turns().forEach(t -> speakers.add(t.speaker()));
    for (JsonNode item : body.get("action_items")) {
      assertThat(item.get("owner").asString()).isIn(speakers);
      assertThat(item.has("due")).isTrue();
      assertThat(item.get("confidence").asDouble()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void usesTheConfiguredLlmAndFallsBackOfflineOnInvalidJson() {
    OPENAI.enqueue(
        Reply.content(
            """
            {"overview":"The team planned a remote control.","key_points":["Remote control"],
             "decisions":[],"action_items":[{"text":"Draft the design","owner":"Marketing","due":null,"confidence":0.8}],
             "risks":[]}"""),
        Reply.content("not json at all"));
    Map<String, Object> body =
        Map.of(
            "meeting_id", "m-llm",
            "transcript",
                List.of(
                    Map.of("speaker", "Marketing", "text", "I'll draft the design by Friday."),
                    Map.of("speaker", "Project Manager", "text", "Good, we decided on a remote.")),
            "meeting_date", "2026-01-05");

    JsonNode first = JSON.readTree(post(body).body());
    assertThat(first.get("engine").asString()).isEqualTo("openai");
    assertThat(first.get("action_items").get(0).get("owner").asString()).isEqualTo("Marketing");
    assertThat(first.get("usage").get("completion_tokens").asLong()).isEqualTo(45);
    // XRANGE budai:events - + : the LLM call's tokens were announced as usage.recorded
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(
                        redis.opsForStream().range(BudaiStreams.EVENTS, Range.unbounded()).stream()
                            .filter(
                                e ->
                                    "usage.recorded"
                                        .equals(e.getValue().get(BudaiStreams.FIELD_TYPE)))
                            .map(e -> String.valueOf(e.getValue().get(BudaiStreams.FIELD_EVENT)))
                            .filter(json -> json.contains("m-llm"))
                            .toList())
                    .anySatisfy(json -> assertThat(json).contains("llm_tokens").contains("165")));

    JsonNode second = JSON.readTree(post(body).body());
    assertThat(second.get("engine").asString()).isEqualTo("offline");
    assertThat(second.get("action_items").get(0).get("due").asString()).isEqualTo("2026-01-09");
  }

  @Test
  void rejectsAnEmptyTranscriptWith422() {
    HttpResponse<String> response = post(Map.of("meeting_id", "m1", "transcript", List.of()));
    assertProblem(response, 422, "invalid-transcript");
    assertProblem(post(Map.of("meeting_id", "m1")), 422, "invalid-transcript");
  }

  @Test
  void rejectsAMalformedTranscriptWith422() {
    assertProblem(
        post(Map.of("transcript", List.of(Map.of("speaker", "A")))), 422, "invalid-transcript");
    assertProblem(
        post(Map.of("transcript", List.of(Map.of("speaker", "A", "text", "  ")))),
        422,
        "invalid-transcript");
    assertProblem(
        post(
            Map.of(
                "transcript",
                List.of(Map.of("speaker", "A", "text", "hello", "start", 5.0, "end", 1.0)))),
        422,
        "invalid-transcript");
  }

  @Test
  void rejectsAnOversizedTranscriptWith413() {
    List<Map<String, Object>> turns = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      turns.add(Map.of("speaker", "A", "text", "word ".repeat(200)));
    }
    assertProblem(post(Map.of("transcript", turns)), 413, "transcript-too-large");
  }

  @Test
  void rejectsAnUnknownEngineWith400() {
    assertProblem(
        post(
            Map.of(
                "engine",
                "gpt-magic",
                "transcript",
                List.of(Map.of("speaker", "A", "text", "hi")))),
        400,
        "invalid-engine");
  }

  @Test
  void rejectsBrokenJsonWithAProblemNotA500() {
    HttpResponse<String> response =
        BootChecks.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/summarize"))
                .header("Content-Type", "application/json")
                .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"transcript\": [")));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).doesNotContain("Exception");
  }

  @Test
  void requiresTheInternalToken() {
    HttpResponse<String> response =
        BootChecks.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/summarize"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(response.statusCode()).isEqualTo(401);
  }

  static Map<String, Object> request(Meeting meeting, String engine) {
    List<Map<String, Object>> turns = new ArrayList<>();
    meeting.turns().forEach(t -> turns.add(Map.of("speaker", t.speaker(), "text", t.text())));
    return Map.of(
        "meeting_id",
        meeting.id(),
        "engine",
        engine,
        "meeting_date",
        "2026-01-05",
        "transcript",
        turns);
  }

  HttpResponse<String> post(Object body) {
    return BootChecks.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/summarize"))
            .header("Content-Type", "application/json")
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  static void assertProblem(HttpResponse<String> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.body()).contains("problems/" + slug);
  }
}
