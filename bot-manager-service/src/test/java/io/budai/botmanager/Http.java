package io.budai.botmanager;

import io.budai.contracts.BudaiHeaders;
import io.budai.test.BootChecks;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls as the gateway makes them: internal token plus the user's id. */
final class Http {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;

  Http(String base) {
    this.base = base;
  }

  static Http port(int port) {
    return new Http("http://127.0.0.1:" + port);
  }

  HttpResponse<String> get(@Nullable String user, String path) {
    return BootChecks.send(request(user, path).GET());
  }

  HttpResponse<String> post(@Nullable String user, String path, String body) {
    return BootChecks.send(
        request(user, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> put(@Nullable String user, String path, String body) {
    return BootChecks.send(
        request(user, path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> delete(@Nullable String user, String path) {
    return BootChecks.send(request(user, path).DELETE());
  }

  JsonNode getOk(String user, String path) {
    HttpResponse<String> response = get(user, path);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + path + " → " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private HttpRequest.Builder request(@Nullable String user, String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN);
    if (user != null) {
      builder.header(BudaiHeaders.USER_ID, user);
    }
    return builder;
  }
}
