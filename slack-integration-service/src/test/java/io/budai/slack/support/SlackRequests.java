package io.budai.slack.support;

import com.slack.api.app_backend.SlackSignature;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Requests as Slack sends them: form-encoded slash commands and interactions, JSON events, each
 * signed with Slack's v0 scheme by the SDK's own {@link SlackSignature.Generator} (the way Bolt's
 * tests sign). Slack gives an app 3 seconds; the client here waits no longer.
 */
public final class SlackRequests {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private final int port;
  private final String secret;

  public SlackRequests(int port, String secret) {
    this.port = port;
    this.secret = secret;
  }

  /** A slash command's form body. */
  public static String commandBody(
      String command, String text, String channel, String user, String responseUrl) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "legacy-verification-token");
    form.put("team_id", FakeSlack.TEAM);
    form.put("team_domain", "fake");
    form.put("channel_id", channel);
    form.put("channel_name", "test");
    form.put("user_id", user);
    form.put("user_name", "tester");
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", "A0BUDAI");
    form.put("is_enterprise_install", "false");
    form.put("response_url", responseUrl);
    form.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
    return encode(form);
  }

  /** An interaction's form body: {@code payload=<json>}. */
  public static String interactionBody(String payloadJson) {
    return "payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8);
  }

  /** Posts {@code body}, signed now. */
  public HttpResponse<String> post(String path, String contentType, String body) {
    return post(path, contentType, body, Instant.now().getEpochSecond(), Map.of());
  }

  /** Posts {@code body} signed at {@code timestamp}, with extra headers. */
  public HttpResponse<String> post(
      String path, String contentType, String body, long timestamp, Map<String, String> headers) {
    String ts = Long.toString(timestamp);
    String signature = new SlackSignature.Generator(secret).generate(ts, body);
    return send(path, contentType, body, ts, signature, headers);
  }

  /** Posts with whatever timestamp and signature headers are given (null = header absent). */
  public HttpResponse<String> send(
      String path,
      String contentType,
      String body,
      String timestamp,
      String signature,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(3))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (timestamp != null) {
      request.header("X-Slack-Request-Timestamp", timestamp);
    }
    if (signature != null) {
      request.header("X-Slack-Signature", signature);
    }
    headers.forEach(request::header);
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> command(
      String text, String channel, String user, String responseUrl) {
    return post(
        "/slack/commands",
        "application/x-www-form-urlencoded",
        commandBody("/loop", text, channel, user, responseUrl));
  }

  public HttpResponse<String> event(String json) {
    return post("/slack/events", "application/json", json);
  }

  public HttpResponse<String> interaction(String payloadJson) {
    return post(
        "/slack/interactions", "application/x-www-form-urlencoded", interactionBody(payloadJson));
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
