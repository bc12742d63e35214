package io.budai.slack.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local stand-in for Slack that speaks its documented wire protocol (protocols.md §1d–1f), so the
 * service's real Bolt/Web API client is what the tests exercise:
 *
 * <ul>
 *   <li>{@code POST /api/<method>} with a form body ({@code application/x-www-form-urlencoded};
 *       complex arguments such as {@code blocks}, {@code view} and {@code users} are JSON strings
 *       inside form fields) and {@code Authorization: Bearer <token>};
 *   <li>always HTTP 200 with {@code {"ok":true,…}} or {@code {"ok":false,"error":"…"}}, except in
 *       rate-limit mode: HTTP 429, {@code Retry-After: <seconds>}, {@code
 *       {"ok":false,"error":"ratelimited"}};
 *   <li>{@code auth.test}, {@code chat.postMessage} (Block Kit limits checked as Slack does, {@code
 *       invalid_blocks} otherwise), {@code chat.update}, {@code views.publish}, {@code users.info},
 *       {@code conversations.open}, {@code calls.add}, {@code calls.end};
 *   <li>{@code POST /respond/<id>}: a {@code response_url} that records what the app answered.
 * </ul>
 */
public final class FakeSlack implements AutoCloseable {

  public static final String TOKEN = "xoxb-fake-bot-token";
  public static final String SIGNING_SECRET = "fake-signing-secret-8f742231b10e";
  public static final String TEAM = "T0FAKE";
  public static final String BOT_USER = "U0BUDAIBOT";
  public static final String BOT_ID = "B0BUDAI";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Message> messages = new CopyOnWriteArrayList<>();
  private final Map<String, List<JsonNode>> responses = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> rateLimits = new ConcurrentHashMap<>();
  private final Map<String, Integer> retryAfter = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final Map<String, Integer> failureStatus = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> users = new ConcurrentHashMap<>();
  private final Map<String, ObjectNode> slackCalls = new ConcurrentHashMap<>();
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000000L);
  private final AtomicInteger ids = new AtomicInteger();

  public FakeSlack() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/api/", this::api);
    server.createContext("/respond/", this::respond);
    server.start();
  }

  /** The Web API base to configure as {@code SLACK_API_URL}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
  }

  /** A {@code response_url} that records answers under {@code id}. */
  public String responseUrl(String id) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/respond/" + id;
  }

  /**
   * Answers the next {@code times} calls of {@code method} for {@code channel} with 429 and {@code
   * Retry-After}.
   */
  public void rateLimitNext(String method, String channel, int times, int retryAfterSeconds) {
    String key = method + "|" + channel;
    rateLimits.computeIfAbsent(key, m -> new AtomicInteger()).set(times);
    retryAfter.put(key, retryAfterSeconds);
  }

  /**
   * Answers the next {@code times} calls of {@code method} for {@code channel} (or, for methods
   * without a channel, {@code ""}) with HTTP {@code status}, as an outage would.
   */
  public void failNext(String method, String channel, int times, int status) {
    String key = method + "|" + channel;
    failures.computeIfAbsent(key, m -> new AtomicInteger()).set(times);
    failureStatus.put(key, status);
  }

  /** Makes {@code users.info} know a user. */
  public void addUser(String id, String name, String realName, String displayName, String email) {
    ObjectNode user = JSON.createObjectNode();
    user.put("id", id).put("team_id", TEAM).put("name", name).put("real_name", realName);
    user.put("is_bot", false).put("tz", "Europe/Paris");
    user.putObject("profile")
        .put("display_name", displayName)
        .put("real_name", realName)
        .put("email", email);
    users.put(id, user);
  }

  /** Every Web API call received, in order. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The calls of one method. */
  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  /** Messages accepted by {@code chat.postMessage} in {@code channel}, in order. */
  public List<Message> messages(String channel) {
    return messages.stream().filter(m -> m.channel().equals(channel)).toList();
  }

  /** What the app posted to {@code response_url} {@code id}. */
  public List<JsonNode> responses(String id) {
    return List.copyOf(responses.getOrDefault(id, List.of()));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void respond(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestURI().getPath().substring("/respond/".length());
    byte[] body = exchange.getRequestBody().readAllBytes();
    JsonNode json = JSON.readTree(new String(body, StandardCharsets.UTF_8));
    responses.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(json);
    send(exchange, 200, "text/plain", "ok");
  }

  private void api(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestURI().getPath().substring("/api/".length());
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> params = form(body);
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    calls.add(new Call(method, params, auth, Instant.now()));
    String limitKey = method + "|" + params.getOrDefault("channel", "");
    AtomicInteger limited = rateLimits.get(limitKey);
    if (limited != null && limited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      exchange
          .getResponseHeaders()
          .add("Retry-After", Integer.toString(retryAfter.getOrDefault(limitKey, 1)));
      send(exchange, 429, "application/json", "{\"ok\":false,\"error\":\"ratelimited\"}");
      return;
    }
    AtomicInteger failing = failures.get(limitKey);
    if (failing != null && failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      send(exchange, failureStatus.getOrDefault(limitKey, 503), "text/html", "<html>down</html>");
      return;
    }
    ObjectNode answer;
    if (!("Bearer " + TOKEN).equals(auth)) {
      answer = error("invalid_auth");
    } else {
      answer =
          switch (method) {
            case "auth.test" -> authTest();
            case "chat.postMessage" -> postMessage(params);
            case "chat.update" -> update(params);
            case "views.publish" -> publish(params);
            case "users.info" -> usersInfo(params);
            case "conversations.open" -> open(params);
            case "calls.add" -> callsAdd(params);
            case "calls.end" -> callsEnd(params);
            default -> error("unknown_method");
          };
    }
    send(exchange, 200, "application/json; charset=utf-8", JSON.writeValueAsString(answer));
  }

  private ObjectNode authTest() {
    ObjectNode ok = ok();
    ok.put("url", "https://fake.slack.com/").put("team", "Fake Team").put("user", "budai");
    ok.put("team_id", TEAM).put("user_id", BOT_USER).put("bot_id", BOT_ID);
    ok.put("is_enterprise_install", false);
    return ok;
  }

  private ObjectNode postMessage(Map<String, String> p) {
    String channel = p.get("channel");
    if (channel == null || channel.isBlank()) {
      return error("channel_not_found");
    }
    if (channel.startsWith("CNOTFOUND")) {
      return error("channel_not_found");
    }
    String text = p.get("text");
    String blocks = p.get("blocks");
    if ((text == null || text.isBlank()) && blocks == null) {
      return error("no_text");
    }
    JsonNode parsed = null;
    if (blocks != null) {
      parsed = JSON.readTree(blocks);
      List<String> errors = BlockKitRules.messageErrors(parsed);
      if (!errors.isEmpty()) {
        ObjectNode invalid = error("invalid_blocks");
        ArrayNode list = invalid.putArray("errors");
        errors.forEach(list::add);
        return invalid;
      }
    }
    String ts = nextTs();
    messages.add(new Message(channel, ts, text, parsed, p.get("thread_ts")));
    ObjectNode ok = ok().put("channel", channel).put("ts", ts);
    ObjectNode message = ok.putObject("message");
    message.put("type", "message").put("subtype", "bot_message").put("ts", ts);
    message.put("text", text).put("bot_id", BOT_ID);
    return ok;
  }

  private ObjectNode update(Map<String, String> p) {
    String channel = p.get("channel");
    String ts = p.get("ts");
    boolean known =
        messages.stream().anyMatch(m -> m.channel().equals(channel) && m.ts().equals(ts));
    if (!known) {
      return error("message_not_found");
    }
    if (p.get("blocks") != null) {
      List<String> errors = BlockKitRules.messageErrors(JSON.readTree(p.get("blocks")));
      if (!errors.isEmpty()) {
        return error("invalid_blocks");
      }
    }
    return ok().put("channel", channel).put("ts", ts).put("text", p.get("text"));
  }

  private ObjectNode publish(Map<String, String> p) {
    if (p.get("user_id") == null || p.get("view") == null) {
      return error("invalid_arguments");
    }
    JsonNode view = JSON.readTree(p.get("view"));
    if (!"home".equals(view.path("type").asString())) {
      return error("invalid_arguments");
    }
    List<String> errors = BlockKitRules.viewErrors(view.path("blocks"));
    if (!errors.isEmpty()) {
      ObjectNode invalid = error("invalid_arguments");
      ArrayNode list = invalid.putObject("response_metadata").putArray("messages");
      errors.forEach(list::add);
      return invalid;
    }
    ObjectNode ok = ok();
    ObjectNode published = ok.putObject("view");
    published.put("id", "V" + ids.incrementAndGet()).put("type", "home");
    published.put("hash", nextTs());
    published.set("blocks", view.path("blocks"));
    return ok;
  }

  private ObjectNode usersInfo(Map<String, String> p) {
    ObjectNode user = users.get(p.getOrDefault("user", ""));
    if (user == null) {
      return error("user_not_found");
    }
    ObjectNode ok = ok();
    ok.set("user", user);
    return ok;
  }

  private ObjectNode open(Map<String, String> p) {
    String ids = p.get("users");
    if (ids == null || ids.isBlank()) {
      return error("users_list_not_supplied");
    }
    ObjectNode ok = ok();
    ok.putObject("channel").put("id", "D" + ids.split(",")[0].substring(1));
    return ok;
  }

  private ObjectNode callsAdd(Map<String, String> p) {
    if (p.get("external_unique_id") == null || p.get("join_url") == null) {
      return error("invalid_arguments");
    }
    if (p.get("created_by") == null) {
      return error("not_implemented"); // required with a bot token
    }
    ObjectNode call = JSON.createObjectNode();
    call.put("id", "R" + ids.incrementAndGet());
    call.put("date_start", Long.parseLong(p.getOrDefault("date_start", "0")));
    call.put("external_unique_id", p.get("external_unique_id"));
    call.put("join_url", p.get("join_url"));
    call.put("title", p.get("title"));
    if (p.get("users") != null) {
      call.set("users", JSON.readTree(p.get("users")));
    }
    slackCalls.put(call.get("id").asString(), call);
    ObjectNode ok = ok();
    ok.set("call", call);
    return ok;
  }

  private ObjectNode callsEnd(Map<String, String> p) {
    ObjectNode call = slackCalls.get(p.getOrDefault("id", ""));
    if (call == null) {
      return error("invalid_call_id");
    }
    call.put("date_end", Instant.now().getEpochSecond());
    ObjectNode ok = ok();
    ok.set("call", call);
    return ok;
  }

  private String nextTs() {
    long micros = clock.incrementAndGet();
    return (micros / 1_000_000) + "." + String.format("%06d", micros % 1_000_000);
  }

  private static ObjectNode ok() {
    return JSON.createObjectNode().put("ok", true);
  }

  private static ObjectNode error(String code) {
    return JSON.createObjectNode().put("ok", false).put("error", code);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** One Web API call: method, form parameters, Authorization header. */
  public record Call(String method, Map<String, String> params, String authorization, Instant at) {}

  /** A message Slack accepted. */
  public record Message(String channel, String ts, String text, JsonNode blocks, String threadTs) {

    /** All texts in the blocks, joined, for assertions. */
    public String blockText() {
      List<String> texts = new ArrayList<>();
      collect(blocks, texts);
      return String.join("\n", texts);
    }

    private static void collect(JsonNode node, List<String> texts) {
      if (node == null) {
        return;
      }
      if (node.isObject()) {
        node.properties()
            .forEach(
                e -> {
                  if (e.getKey().equals("text") && e.getValue().isString()) {
                    texts.add(e.getValue().asString());
                  } else {
                    collect(e.getValue(), texts);
                  }
                });
      } else if (node.isArray()) {
        node.forEach(child -> collect(child, texts));
      }
    }
  }
}
