package io.budai.deploy.verify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** JSON calls to the gateway, shared by the smoke flow and the demo key. */
final class GatewayCalls {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient http;
  private final String base;

  GatewayCalls(HttpClient http, String gateway) {
    this.http = http;
    this.base = gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway;
  }

  String base() {
    return base;
  }

  /** Sends one request; a JSON {@code body} when not null. */
  SmokeFlow.Response send(
      String method, String path, @Nullable String body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Accept", "application/json");
    headers.forEach(request::header);
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new SmokeFlow.Response(response.statusCode(), response.body());
  }
}
