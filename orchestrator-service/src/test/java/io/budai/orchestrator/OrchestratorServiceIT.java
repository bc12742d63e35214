package io.budai.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@RealInfrastructure
// closed after the class: a cached, still-running orchestrator would take part in the other tests
@DirtiesContext
class OrchestratorServiceIT {

  @LocalServerPort int port;

  @Test
  void bootsHealthyWithMetricsAndOpenApi() {
    // the event bus reports UP once its consumer loop runs, a moment after start-up
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .untilAsserted(() -> BootChecks.assertHealthyService(port, "orchestrator-service", false));
  }

  @Test
  void answersUnknownPathsWithAProblem() {
    HttpResponse<String> response = BootChecks.get(port, "/no-such-endpoint");
    assertThat(response.statusCode()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }
}
