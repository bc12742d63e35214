package io.budai.followup;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.BudaiHeaders;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** An unreachable SMTP server: a 502 problem, and the idempotency key stays free for a retry. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class SmtpDownIT {

  @LocalServerPort int port;

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    int port = closed;
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> port);
    registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "1000");
  }

  @Test
  void answersA502ProblemAndReleasesTheIdempotencyKey() {
    String key = "k-" + UUID.randomUUID();
    HttpResponse<String> first = send(key);
    HttpResponse<String> retry = send(key);

    assertThat(first.statusCode()).isEqualTo(502);
    assertThat(first.body()).contains("problems/smtp-failed");
    // not 409 "in progress" nor a replay: the failed attempt released the key
    assertThat(retry.statusCode()).isEqualTo(502);
  }

  HttpResponse<String> send(String key) {
    return BootChecks.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/email/send"))
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
            .header(BudaiHeaders.IDEMPOTENCY_KEY, key)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JsonMapper.builder()
                        .build()
                        .writeValueAsString(
                            Map.of("to", List.of("x@example.com"), "subject", "s", "text", "t")))));
  }
}
