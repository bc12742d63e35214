package io.budai.voice.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.budai.contracts.BudaiHeaders;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import io.budai.voice.fakes.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /api/realtime/session-token} against a fake OpenAI (openai-java's real client). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class SessionTokenIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final FakeOpenAi OPENAI = new FakeOpenAi("sk-realtime");

  @DynamicPropertySource
  static void fakes(DynamicPropertyRegistry registry) {
    registry.add("budai.voice.realtime.api-key", () -> "sk-realtime");
    registry.add("budai.voice.realtime.base-url", OPENAI::baseUrl);
    registry.add("budai.voice.stt.engine", () -> "none");
  }

  @AfterAll
  static void stopFake() {
    OPENAI.close();
  }

  @LocalServerPort int port;

  private HttpResponse<String> post(String body, boolean asUser) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/realtime/session-token"))
            .header("Content-Type", "application/json")
            .POST(
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    request.header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN);
    if (asUser) {
      request.header(BudaiHeaders.USER_ID, "7");
    }
    return BootChecks.send(request);
  }

  @Test
  void mintsAnEphemeralTranscriptionSecret() {
    int before = OPENAI.secretRequests().size();
    HttpResponse<String> response =
        post("{\"language\":\"en\",\"expires_in\":300,\"prompt\":\"BudAI, Deepgram\"}", true);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode token = JSON.readTree(response.body());
    assertThat(token.path("client_secret").asString()).startsWith("ek_");
    assertThat(token.path("session_id").asString()).startsWith("sess_");
    assertThat(token.path("type").asString()).isEqualTo("transcription");
    assertThat(token.path("model").asString()).isEqualTo("gpt-4o-transcribe");
    assertThat(Instant.parse(token.path("expires_at").asString()).getEpochSecond())
        .isCloseTo(Instant.now().getEpochSecond() + 300, within(10L));
    assertThat(token.path("websocket_url").asString())
        .isEqualTo(OPENAI.baseUrl().replace("http://", "ws://") + "/realtime?intent=transcription");
    assertThat(token.path("webrtc_url").asString()).isEqualTo(OPENAI.baseUrl() + "/realtime/calls");

    JsonNode sent = OPENAI.secretRequests().get(before);
    assertThat(sent.path("expires_after").path("anchor").asString()).isEqualTo("created_at");
    assertThat(sent.path("expires_after").path("seconds").asInt()).isEqualTo(300);
    JsonNode session = sent.path("session");
    assertThat(session.path("type").asString()).isEqualTo("transcription");
    JsonNode input = session.path("audio").path("input");
    assertThat(input.path("format").path("type").asString()).isEqualTo("audio/pcm");
    assertThat(input.path("format").path("rate").asInt()).isEqualTo(24000);
    assertThat(input.path("transcription").path("model").asString()).isEqualTo("gpt-4o-transcribe");
    assertThat(input.path("transcription").path("language").asString()).isEqualTo("en");
    assertThat(input.path("transcription").path("prompt").asString()).isEqualTo("BudAI, Deepgram");
    assertThat(input.path("turn_detection").path("type").asString()).isEqualTo("server_vad");
  }

  @Test
  void aBodyIsOptional() {
    HttpResponse<String> response = post(null, true);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).path("client_secret").asString()).startsWith("ek_");
  }

  @Test
  void needsAUser() {
    HttpResponse<String> response = post("{}", false);
    assertProblem(response, 401, "missing-user");
    HttpResponse<String> direct =
        BootChecks.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/realtime/session-token"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertProblem(direct, 401, "internal-token-required");
  }

  @Test
  void badInputIsA400Problem() {
    assertProblem(post("{\"expires_in\":5}", true), 400, null);
    assertProblem(post("{\"language\":\"english\"}", true), 400, null);
    assertProblem(post("{not json", true), 400, null);
  }

  @Test
  void openAiRefusingOurKeyIsABadGateway() {
    OPENAI.failNext(401);
    assertProblem(post("{}", true), 502, "realtime-upstream");
  }

  @Test
  void openAiThrottlingIsServiceUnavailable() {
    OPENAI.failNext(429, 429);
    assertProblem(post("{}", true), 503, "realtime-upstream");
  }

  @Test
  void openAiFailingIsABadGatewayAfterARetry() {
    OPENAI.failNext(500, 500);
    assertProblem(post("{}", true), 502, "realtime-upstream");
    OPENAI.failNext(500);
    assertThat(post("{}", true).statusCode()).isEqualTo(200);
  }

  private static void assertProblem(HttpResponse<String> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    if (slug != null) {
      assertThat(problem.path("type").asString()).endsWith("/" + slug);
    }
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
  }
}
