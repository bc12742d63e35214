package io.budai.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RealInfrastructure(postgres = true)
class AdminServiceIT {

  @LocalServerPort int port;

  @Test
  void bootsHealthyWithMetricsAndOpenApi() {
    // Readiness includes the bus, which is up once its consumer loop has polled.
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> BootChecks.assertHealthyService(port, "admin-service", true));
  }

  @Test
  void documentsTheApiWithoutInternalParameters() {
    HttpResponse<String> docs = BootChecks.get(port, "/v3/api-docs");
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body())
        .contains("\"/admin/users\"")
        .contains("\"/user/webhook\"")
        .contains("AdminApiKeyAuth")
        .doesNotContain("\"caller\"");
  }

  @Test
  void answersUnknownPathsWithAProblem() {
    HttpResponse<String> response = BootChecks.get(port, "/no-such-endpoint");
    assertThat(response.statusCode()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }
}
