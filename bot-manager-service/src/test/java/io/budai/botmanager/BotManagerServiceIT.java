package io.budai.botmanager;

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
@RealInfrastructure
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BotManagerServiceIT {

  @LocalServerPort int port;

  @Test
  void bootsHealthyWithMetricsAndOpenApi() {
    // the bus reports UP once its consumer loops made their first read (after taking over what
    // consumers of earlier test contexts left pending on the shared test Redis)
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> BootChecks.get(port, "/actuator/health").statusCode() == 200);
    BootChecks.assertHealthyService(port, "bot-manager-service", false);
  }

  @Test
  void answersUnknownPathsWithAProblem() {
    HttpResponse<String> response = BootChecks.get(port, "/no-such-endpoint");
    assertThat(response.statusCode()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }

  @Test
  void firefliesImportsSayHowToConfigureThemWithoutAKey() {
    HttpResponse<String> response =
        new Http("http://127.0.0.1:" + port)
            .post("7", "/imports/fireflies", "{\"transcript_id\":\"01JABCDEF\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(Http.json(response).get("type").asString()).endsWith("/fireflies-not-configured");
    assertThat(Http.json(response).get("detail").asString())
        .contains("FIREFLIES_API_KEY", "FIREFLIES_USER_ID");
  }
}
