package io.budai.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The checks every service's boot test makes: health groups, Prometheus, OpenAPI, problems. */
public final class BootChecks {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private BootChecks() {}

  /**
   * Asserts that the service on {@code port} is live and ready with Redis (and the database when
   * {@code withDatabase}) up, exports Prometheus metrics tagged with its name, and serves its
   * OpenAPI document.
   */
  public static void assertHealthyService(int port, String service, boolean withDatabase) {
    HttpResponse<String> health = get(port, "/actuator/health");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"redis\"");
    if (withDatabase) {
      assertThat(health.body()).contains("\"db\"");
    }
    HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
    assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"redis\"");
    if (withDatabase) {
      assertThat(readiness.body()).contains("\"db\"");
    }
    HttpResponse<String> liveness = get(port, "/actuator/health/liveness");
    assertThat(liveness.statusCode()).isEqualTo(200);
    HttpResponse<String> prometheus = get(port, "/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("service=\"" + service + "\"");
    HttpResponse<String> docs = get(port, "/v3/api-docs");
    assertThat(docs.statusCode()).as(docs.body()).isEqualTo(200);
    assertThat(docs.body()).contains("\"openapi\"");
  }

  /** GET {@code path} on localhost:{@code port}. */
  public static HttpResponse<String> get(int port, String path) {
    return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
  }

  /** Sends {@code request} with a 10-second time limit. */
  public static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return HTTP.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
