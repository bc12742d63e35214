package io.budai.botmanager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Recall.ai speaking protocols.md §4: {@code POST /api/v1/bot/} (201, bot object), {@code
 * GET /api/v1/bot/{id}/}, {@code POST /api/v1/bot/{id}/leave_call/} (then {@code call_ended} and
 * {@code done} webhooks), {@code Authorization: Token <key>} checked (401 otherwise). It drives the
 * app with webhooks signed the Standard Webhooks way ({@code webhook-id}, {@code
 * webhook-timestamp}, {@code webhook-signature: v1,<base64 HMAC-SHA256>}).
 */
final class FakeRecall implements AutoCloseable {

  static final String API_KEY = "test-recall-key";

  final String secret;
  final List<JsonNode> created = new CopyOnWriteArrayList<>();
  final List<String> leaveCalls = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final Map<String, JsonNode> bots = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final byte[] key = new byte[24];
  private volatile String target = "http://127.0.0.1:1";

  FakeRecall() throws IOException {
    new SecureRandom().nextBytes(key);
    secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/bot/", this::api);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Where webhooks go (the app's port, known only once it started). */
  void target(String baseUrl) {
    this.target = baseUrl;
  }

  /** Recall's id of the bot created for BudAI bot/meeting {@code meetingId}. */
  String recallIdOf(long meetingId) {
    return created.stream()
        .filter(b -> b.at("/metadata/meeting_id").asString().equals(String.valueOf(meetingId)))
        .map(b -> b.get("id").asString())
        .findFirst()
        .orElseThrow();
  }

  /** A current-style status webhook: {@code bot.<code>}. */
  int status(String recallId, String code, String subCode) {
    JsonNode bot = bots.get(recallId);
    ObjectNode event = Http.JSON.createObjectNode();
    event.put("event", "bot." + code);
    ObjectNode data = event.putObject("data");
    ObjectNode botRef = data.putObject("bot");
    botRef.put("id", recallId);
    botRef.set("metadata", bot.get("metadata"));
    ObjectNode status = data.putObject("data");
    status.put("code", code);
    if (subCode == null) {
      status.putNull("sub_code");
    } else {
      status.put("sub_code", subCode);
    }
    status.put("updated_at", Instant.now().toString());
    return send(event.toString(), UUID.randomUUID().toString(), true);
  }

  /** A legacy (v1.10) {@code bot.status_change} webhook. */
  int legacyStatus(String recallId, String code) {
    String body =
        """
        {"event":"bot.status_change","data":{"bot_id":"%s","status":{"code":"%s",
         "created_at":"%s","sub_code":null,"message":null}}}"""
            .formatted(recallId, code, Instant.now());
    return send(body, UUID.randomUUID().toString(), true);
  }

  /** A real-time transcript event (final or partial) from a participant. */
  int transcript(
      String recallId,
      int participantId,
      String name,
      double start,
      String words,
      boolean partial) {
    ObjectNode event = Http.JSON.createObjectNode();
    event.put("event", partial ? "transcript.partial_data" : "transcript.data");
    ObjectNode outer = event.putObject("data");
    ObjectNode inner = outer.putObject("data");
    var list = inner.putArray("words");
    double at = start;
    for (String word : words.split(" ")) {
      ObjectNode w = list.addObject();
      w.put("text", word);
      w.putObject("start_timestamp").put("relative", at).put("absolute", Instant.now().toString());
      at += 0.3;
      w.putObject("end_timestamp").put("relative", at).put("absolute", Instant.now().toString());
    }
    ObjectNode participant = inner.putObject("participant");
    participant.put("id", participantId);
    participant.put("name", name);
    participant.put("is_host", participantId == 100);
    participant.put("platform", "desktop");
    participant.putObject("extra_data");
    participant.putNull("email");
    outer.putObject("realtime_endpoint").put("id", "re-1").putObject("metadata");
    outer.putObject("transcript").put("id", "tr-1").putObject("metadata");
    outer.putObject("recording").put("id", "rec-1").putObject("metadata");
    ObjectNode botRef = outer.putObject("bot");
    botRef.put("id", recallId);
    botRef.set("metadata", bots.get(recallId).get("metadata"));
    return send(event.toString(), UUID.randomUUID().toString(), true);
  }

  /** Sends {@code body} with headers signed (or not, or badly) and a given id; the status. */
  int send(String body, String id, boolean validSignature) {
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    return post(body, id, timestamp, validSignature ? sign(id, timestamp, body) : "v1,AAAA");
  }

  /** Sends with explicit headers (stale timestamps, missing signatures). */
  int post(String body, String id, String timestamp, String signature) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target + "/recall/webhook"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (id != null) {
      request.header("webhook-id", id);
    }
    if (timestamp != null) {
      request.header("webhook-timestamp", timestamp);
    }
    if (signature != null) {
      request.header("webhook-signature", signature);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String sign(String id, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signature =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(signature);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void api(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(String.valueOf(authorization));
    if (!("Token " + API_KEY).equals(authorization) && !API_KEY.equals(authorization)) {
      respond(exchange, 401, "{\"detail\":\"Invalid token.\"}");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    if (method.equals("POST") && path.equals("/api/v1/bot/")) {
      ObjectNode body =
          (ObjectNode)
              Http.JSON.readTree(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      String id = UUID.randomUUID().toString();
      ObjectNode bot = body.deepCopy();
      bot.put("id", id);
      bot.putArray("status_changes")
          .addObject()
          .put("code", "ready")
          .putNull("message")
          .put("created_at", Instant.now().toString());
      bot.putArray("recordings");
      bots.put(id, bot);
      created.add(bot);
      respond(exchange, 201, bot.toString());
      return;
    }
    String[] parts = path.split("/");
    // /api/v1/bot/{id}/ or /api/v1/bot/{id}/leave_call/
    String id = parts.length > 4 ? parts[4] : "";
    if (!bots.containsKey(id)) {
      respond(exchange, 404, "{\"detail\":\"Not found.\"}");
      return;
    }
    if (method.equals("GET")) {
      respond(exchange, 200, bots.get(id).toString());
    } else if (method.equals("POST") && path.endsWith("/leave_call/")) {
      leaveCalls.add(id);
      respond(exchange, 200, bots.get(id).toString());
      // Recall then reports the end of the call
      Thread.ofVirtual()
          .start(
              () -> {
                status(id, "call_ended", "bot_received_leave_call");
                status(id, "done", null);
              });
    } else {
      respond(exchange, 405, "{\"detail\":\"Method not allowed.\"}");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
