package io.budai.voice.fakes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.budai.contracts.BudaiHeaders;
import io.budai.test.TestInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stands in for the two BudAI services this one calls, answering as their contracts say:
 *
 * <ul>
 *   <li>admin-service {@code POST /internal/auth/verify {"token"}} → {@code {"user_id", "scopes"}}
 *       or a 401 problem;
 *   <li>transcription-collector {@code GET /meetings/{id}} with {@code X-User-Id} → Vexa's meeting
 *       or a 404 problem when it is not that user's; {@code POST /internal/meetings} creates one
 *       ({@code 201}).
 * </ul>
 *
 * Both demand the internal token. {@link #down} makes every answer a 503.
 */
public final class FakeBudai implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** A meeting the fake collector knows. */
  public record Meeting(
      String id, String userId, String platform, String nativeMeetingId, String status) {}

  private final HttpServer server;
  private final Map<String, String> keys = new ConcurrentHashMap<>();
  private final Map<String, Meeting> meetings = new ConcurrentHashMap<>();
  private final List<JsonNode> created = new CopyOnWriteArrayList<>();
  private final AtomicLong nextId = new AtomicLong(1000);
  private volatile boolean down;

  public FakeBudai() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/internal/auth/verify", this::verify);
    server.createContext("/meetings/", this::meeting);
    server.createContext("/internal/meetings", this::createMeeting);
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** An API key of {@code userId}. */
  public FakeBudai key(String key, String userId) {
    keys.put(key, userId);
    return this;
  }

  public FakeBudai meeting(String id, String userId) {
    return meeting(new Meeting(id, userId, "google_meet", "abc-defg-" + id, "active"));
  }

  public FakeBudai meeting(Meeting meeting) {
    meetings.put(meeting.id(), meeting);
    return this;
  }

  public Meeting meeting(String id) {
    return meetings.get(id);
  }

  /** Bodies of {@code POST /internal/meetings}. */
  public List<JsonNode> created() {
    return List.copyOf(created);
  }

  public void down(boolean down) {
    this.down = down;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private boolean guard(HttpExchange exchange) throws IOException {
    if (down) {
      problem(exchange, 503, "unavailable", "Service unavailable");
      return false;
    }
    if (!TestInfrastructure.INTERNAL_TOKEN.equals(
        exchange.getRequestHeaders().getFirst(BudaiHeaders.INTERNAL_TOKEN))) {
      problem(exchange, 401, "internal-token-required", "Internal endpoint");
      return false;
    }
    return true;
  }

  private void verify(HttpExchange exchange) throws IOException {
    if (!guard(exchange)) {
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    String user = keys.get(body.path("token").asString(""));
    if (user == null) {
      problem(exchange, 401, "invalid-api-key", "Invalid API key");
      return;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("user_id", Long.parseLong(user));
    out.put("scopes", List.of("bot", "tx"));
    out.put("limits", Map.of("max_concurrent_bots", 3));
    json(exchange, 200, out);
  }

  private void meeting(HttpExchange exchange) throws IOException {
    if (!guard(exchange)) {
      return;
    }
    String id = exchange.getRequestURI().getPath().substring("/meetings/".length());
    Meeting meeting = meetings.get(id);
    String user = exchange.getRequestHeaders().getFirst(BudaiHeaders.USER_ID);
    if (meeting == null || !meeting.userId().equals(user)) {
      problem(exchange, 404, "meeting-not-found", "Meeting not found");
      return;
    }
    json(exchange, 200, response(meeting));
  }

  private void createMeeting(HttpExchange exchange) throws IOException {
    if (!guard(exchange)) {
      return;
    }
    if (!"POST".equals(exchange.getRequestMethod())) {
      problem(exchange, 405, "method-not-allowed", "Method not allowed");
      return;
    }
    JsonNode body = JSON.readTree(exchange.getRequestBody());
    created.add(body);
    Meeting meeting =
        new Meeting(
            String.valueOf(nextId.incrementAndGet()),
            body.path("user_id").asString(),
            body.path("platform").asString(),
            body.path("native_meeting_id").asString(),
            "requested");
    meetings.put(meeting.id(), meeting);
    json(exchange, 201, response(meeting));
  }

  private static Map<String, Object> response(Meeting meeting) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", Long.parseLong(meeting.id()));
    out.put("user_id", Long.parseLong(meeting.userId()));
    out.put("platform", meeting.platform());
    out.put("native_meeting_id", meeting.nativeMeetingId());
    out.put("constructed_meeting_url", null);
    out.put("status", meeting.status());
    out.put("bot_container_id", null);
    out.put("start_time", null);
    out.put("end_time", null);
    out.put("data", Map.of());
    out.put("created_at", "2026-11-22T10:00:00Z");
    out.put("updated_at", "2026-11-22T10:00:00Z");
    return out;
  }

  private static void problem(HttpExchange exchange, int status, String slug, String title)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://budai.dev/problems/" + slug);
    body.put("title", title);
    body.put("status", status);
    exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
    send(exchange, status, JSON.writeValueAsString(body));
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    send(exchange, status, JSON.writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
