package io.budai.deploy.verify;

import io.budai.deploy.target.Yaml;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a user does first, through the gateway: the API refuses a call without a key; the admin
 * creates a user and mints an API key for it; the key lists the user's meetings; the key is revoked
 * again so verification leaves no live credential behind.
 */
public final class SmokeFlow {

  /** One step: what was done and whether it went as it should. */
  public record Step(String what, boolean ok, String detail) {}

  private final HttpClient http;

  public SmokeFlow() {
    this(
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build());
  }

  SmokeFlow(HttpClient http) {
    this.http = http;
  }

  /** Runs the flow against {@code gateway}; stops at the first step that fails. */
  public List<Step> run(String gateway, String adminToken) {
    String base = gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway;
    List<Step> steps = new ArrayList<>();
    Optional<Response> anonymous =
        send(steps, "GET /meetings without an API key", base, "GET", "/meetings", null, Map.of());
    if (anonymous.isEmpty()) {
      return steps;
    }
    if (!record(steps, "GET /meetings without an API key", anonymous.get(), 401, "refused")) {
      return steps;
    }
    String email = "budai-verify-" + Instant.now().toEpochMilli() + "@example.com";
    Map<String, String> admin = Map.of("X-Admin-API-Key", adminToken);
    Optional<Response> user =
        send(
            steps,
            "POST /admin/users",
            base,
            "POST",
            "/admin/users",
            "{\"email\":\"" + email + "\",\"name\":\"budai verify\"}",
            admin);
    if (user.isEmpty()
        || !record(steps, "POST /admin/users", user.get(), 201, "created " + email, 200)) {
      return steps;
    }
    Optional<Object> userId = user.get().field("id");
    if (userId.isEmpty()) {
      steps.add(
          new Step("POST /admin/users", false, "the answer has no id: " + user.get().brief()));
      return steps;
    }
    String tokens = "/admin/users/" + userId.get() + "/tokens";
    Optional<Response> minted = send(steps, "POST " + tokens, base, "POST", tokens, "{}", admin);
    if (minted.isEmpty()
        || !record(steps, "POST " + tokens, minted.get(), 201, "minted an API key", 200)) {
      return steps;
    }
    Optional<Object> token = minted.get().field("token");
    Optional<Object> tokenId = minted.get().field("id");
    if (token.isEmpty()) {
      steps.add(
          new Step("POST " + tokens, false, "the answer has no token: " + minted.get().brief()));
      return steps;
    }
    Optional<Response> meetings =
        send(
            steps,
            "GET /meetings with the key",
            base,
            "GET",
            "/meetings",
            null,
            Map.of("X-API-Key", String.valueOf(token.get())));
    if (meetings.isEmpty()) {
      return steps;
    }
    Optional<Object> list = meetings.get().field("meetings");
    boolean listed =
        meetings.get().status() == 200 && list.isPresent() && list.get() instanceof List<?>;
    steps.add(
        new Step(
            "GET /meetings with the key",
            listed,
            listed
                ? "200, " + ((List<?>) list.get()).size() + " meeting(s)"
                : "expected 200 with a meetings list, got " + meetings.get().brief()));
    if (tokenId.isPresent()) {
      String revoke = "/admin/tokens/" + tokenId.get();
      send(steps, "DELETE " + revoke, base, "DELETE", revoke, null, admin)
          .ifPresent(
              r ->
                  record(
                      steps, "DELETE " + revoke, r, 204, "the verification key is revoked", 200));
    }
    return steps;
  }

  private static boolean record(
      List<Step> steps,
      String what,
      Response response,
      int expected,
      String detail,
      int... alsoOk) {
    boolean ok = response.status() == expected;
    for (int status : alsoOk) {
      ok |= response.status() == status;
    }
    steps.add(
        new Step(
            what,
            ok,
            ok
                ? response.status() + ", " + detail
                : "expected " + expected + ", got " + response.brief()));
    return ok;
  }

  private Optional<Response> send(
      List<Step> steps,
      String what,
      String base,
      String method,
      String path,
      String body,
      Map<String, String> headers) {
    try {
      return Optional.of(new GatewayCalls(http, base).send(method, path, body, headers));
    } catch (IOException | IllegalArgumentException e) {
      steps.add(new Step(what, false, "cannot reach " + base + ": " + e));
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      steps.add(new Step(what, false, "interrupted"));
      return Optional.empty();
    }
  }

  /** An HTTP answer. */
  record Response(int status, String body) {

    /** A top-level field of a JSON object body. */
    Optional<Object> field(String name) {
      try {
        Object document = Yaml.loader().load(body);
        return document instanceof Map<?, ?> map
            ? Optional.ofNullable(map.get(name))
            : Optional.empty();
      } catch (RuntimeException notJson) {
        return Optional.empty();
      }
    }

    String brief() {
      String text = body == null ? "" : body.strip().replaceAll("\\s+", " ");
      return status
          + (text.isEmpty()
              ? ""
              : " " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
    }
  }
}
