package io.budai.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.contracts.BudaiHeaders;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What every servlet service inherits from shared-platform, seen from an HTTP client. */
@SpringBootTest(
    classes = PlatformTestApp.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=platform-test",
      "budai.internal-auth.protected-paths=/internal/**,/me",
      // a shared environment may hand DATABASE_URL to services that own no schema
      "DATABASE_URL=postgresql://nobody:secret@127.0.0.1:1/none"
    })
@RealInfrastructure
class PlatformWebIT {

  @LocalServerPort int port;

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }

  @Test
  void isReadyWithRedisEvenWhenADatabaseUrlIsAroundButNoDataSource() {
    HttpResponse<String> readiness = BootChecks.get(port, "/actuator/health/readiness");

    assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"redis\"").doesNotContain("\"db\"");
  }

  @Test
  void rejectsInternalPathsWithoutTheInternalToken() {
    HttpResponse<String> response = BootChecks.send(request("/internal/whoami").GET());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("internal-token-required");
  }

  @Test
  void rejectsAWrongInternalToken() {
    HttpResponse<String> response =
        BootChecks.send(
            request("/internal/whoami").header(BudaiHeaders.INTERNAL_TOKEN, "guess").GET());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void trustsIdentityHeadersOnlyWithTheInternalToken() {
    HttpResponse<String> trusted =
        BootChecks.send(
            request("/internal/whoami")
                .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
                .header(BudaiHeaders.USER_ID, "42")
                .header(BudaiHeaders.USER_SCOPES, "bot, tx")
                .GET());
    assertThat(trusted.statusCode()).isEqualTo(200);
    assertThat(trusted.body()).contains("\"user_id\":\"42\"").contains("\"bot\"", "\"tx\"");
  }

  @Test
  void aSpoofedUserIdWithoutTokenIsNotAUser() {
    HttpResponse<String> response =
        BootChecks.send(request("/me").header(BudaiHeaders.USER_ID, "42").GET());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void serviceCallWithoutUserGetsAProblemFromRequireUser() {
    HttpResponse<String> response =
        BootChecks.send(
            request("/me")
                .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN)
                .GET());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("missing-user");
  }

  @Test
  void malformedJsonIsABadRequestProblem() {
    HttpResponse<String> response =
        BootChecks.send(
            request("/greetings")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void invalidFieldsAreABadRequestProblemNamingThem() {
    HttpResponse<String> response =
        BootChecks.send(
            request("/greetings")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"\",\"times\":0}")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void wrongMediaTypeIsAProblemNotAServerError() {
    HttpResponse<String> response =
        BootChecks.send(
            request("/greetings")
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("hi")));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void typeMismatchInPathIsABadRequest() {
    HttpResponse<String> response = BootChecks.send(request("/teapots/abc").GET());

    assertThat(response.statusCode()).isEqualTo(400);
  }

  @Test
  void domainProblemsKeepTheirStableType() {
    HttpResponse<String> response = BootChecks.send(request("/teapots/7").GET());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .contains("https://budai.dev/problems/teapot-not-found")
        .contains("Teapot 7 is gone.");
  }

  @Test
  void unexpectedErrorsAreA500ProblemWithoutInternals() {
    HttpResponse<String> response = BootChecks.send(request("/boom").GET());

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body())
        .doesNotContain("secret internals")
        .doesNotContain("IllegalStateException")
        .contains("correlation id");
  }

  @Test
  void echoesAGivenCorrelationIdAndCreatesOneOtherwise() {
    HttpResponse<String> given =
        BootChecks.send(request("/teapots/1").header(BudaiHeaders.CORRELATION_ID, "abc-123").GET());
    assertThat(given.headers().firstValue(BudaiHeaders.CORRELATION_ID)).hasValue("abc-123");

    HttpResponse<String> created = BootChecks.send(request("/teapots/1").GET());
    assertThat(created.headers().firstValue(BudaiHeaders.CORRELATION_ID))
        .hasValueSatisfying(id -> assertThat(id).hasSize(36));

    HttpResponse<String> unsafe =
        BootChecks.send(
            request("/teapots/1").header(BudaiHeaders.CORRELATION_ID, "bad id with spaces").GET());
    assertThat(unsafe.headers().firstValue(BudaiHeaders.CORRELATION_ID))
        .hasValueSatisfying(id -> assertThat(id).doesNotContain(" "));
  }
}
