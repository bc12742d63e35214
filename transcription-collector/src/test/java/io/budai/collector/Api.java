package io.budai.collector;

import io.budai.contracts.BudaiHeaders;
import io.budai.test.BootChecks;
import io.budai.test.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls to a collector as the gateway makes them: internal token plus the user's id. */
final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final int port;

  Api(int port) {
    this.port = port;
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

  HttpResponse<String> patch(@Nullable String user, String path, String body) {
    return BootChecks.send(
        request(user, path)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> delete(@Nullable String user, String path) {
    return BootChecks.send(request(user, path).DELETE());
  }

  /** GET that must answer 200; the parsed body. */
  JsonNode getOk(String user, String path) {
    HttpResponse<String> response = get(user, path);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          "GET " + path + " → " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Creates a meeting through the internal API; its id. */
  long createMeeting(String user, String platform, String nativeId, String data) {
    HttpResponse<String> response =
        post(
            null,
            "/internal/meetings",
            """
            {"user_id":"%s","platform":"%s","native_meeting_id":"%s",
             "constructed_meeting_url":"https://meet.google.com/%s","bot_container_id":"bot-%s",
             "data":%s}"""
                .formatted(user, platform, nativeId, nativeId, nativeId, data));
    if (response.statusCode() != 201) {
      throw new AssertionError("create → " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body()).get("id").asLong();
  }

  static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  private HttpRequest.Builder request(@Nullable String user, String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN);
    if (user != null) {
      builder.header(BudaiHeaders.USER_ID, user);
    }
    return builder;
  }
}
