package io.budai.admin;

import io.budai.contracts.BudaiHeaders;
import io.budai.test.BootChecks;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small client of admin-service for tests: admin key, internal token, user identity, JSON. */
public final class AdminHttp {

  public static final String ADMIN_TOKEN = "test-admin-token";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final int port;

  public AdminHttp(int port) {
    this.port = port;
  }

  /** A response with its body parsed when it is JSON. */
  public record Reply(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public String contentType() {
      return raw.headers().firstValue("Content-Type").orElse("");
    }
  }

  /** As the operator, with {@code X-Admin-API-Key}. */
  public Reply admin(String method, String path, @Nullable String body) {
    return send(method, path, body, BudaiHeaders.ADMIN_API_KEY, ADMIN_TOKEN);
  }

  /** As another service or the gateway, with the internal token and no user. */
  public Reply internal(String method, String path, @Nullable String body) {
    return send(method, path, body, BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN);
  }

  /** As the gateway forwarding a request of {@code userId}. */
  public Reply asUser(long userId, String method, String path, @Nullable String body) {
    return send(
        method,
        path,
        body,
        BudaiHeaders.INTERNAL_TOKEN,
        TestInfrastructure.INTERNAL_TOKEN,
        BudaiHeaders.USER_ID,
        String.valueOf(userId),
        BudaiHeaders.USER_SCOPES,
        "bot,tx");
  }

  public Reply send(String method, String path, @Nullable String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response = BootChecks.send(request);
    return new Reply(response.statusCode(), response.body(), response);
  }

  public static JsonMapper json() {
    return JSON;
  }
}
