package io.budai.voice;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class VoiceRealtimeServiceIT {

  @LocalServerPort int port;

  @Test
  void bootsHealthyWithMetricsAndOpenApi() {
    // the bus reports DOWN until its consumer loop (calls' event handlers) has started polling
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(() -> BootChecks.get(port, "/actuator/health").statusCode() == 200);
    BootChecks.assertHealthyService(port, "voice-realtime-service", false);
  }

  @Test
  void sessionTokensAre503WithoutAnOpenAiKey() {
    HttpResponse<String> response =
        BootChecks.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/api/realtime/session-token"))
                .header(
                    io.budai.contracts.BudaiHeaders.INTERNAL_TOKEN,
                    io.budai.test.TestInfrastructure.INTERNAL_TOKEN)
                .header(io.budai.contracts.BudaiHeaders.USER_ID, "7")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("realtime-not-configured").contains("OPENAI_API_KEY");
  }

  @Test
  void withoutAnEngineAudioStreamsAreRefusedAndTextSegmentsPointedTo() {
    try (io.budai.voice.fakes.WsClient client =
        io.budai.voice.fakes.WsClient.connect(
            java.net.URI.create("ws://127.0.0.1:" + port + "/ws/audio?meeting_id=1"))) {
      io.budai.voice.fakes.WsClient.Close close = client.awaitClose();
      assertThat(close.code()).isEqualTo(1011);
      assertThat(close.reason()).contains("/ws/segments");
    }
  }

  @Test
  void answersUnknownPathsWithAProblem() {
    HttpResponse<String> response = BootChecks.get(port, "/no-such-endpoint");
    assertThat(response.statusCode()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }
}
