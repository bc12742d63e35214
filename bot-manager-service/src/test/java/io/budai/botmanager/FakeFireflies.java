package io.budai.botmanager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Fireflies.ai GraphQL API speaking protocols.md §6a: {@code POST /graphql} with {@code
 * Authorization: Bearer <key>} and {@code {"query","variables"}}; the root fields {@code
 * transcript(id)} and {@code transcripts(limit, skip, fromDate)} (newest first), answering only the
 * fields the query selects (by name), {@code {"data":…}} or {@code {"errors":[…]}}. An unknown
 * transcript is Fireflies' {@code object_not_found} error with HTTP 200, a wrong key HTTP 401 with
 * an error. Modes for the next requests: HTTP 429 with {@code Retry-After}, the GraphQL {@code
 * too_many_requests} error with {@code extensions.metadata.retryAfter} (epoch ms) and HTTP 200, an
 * {@code invalid_api_key} error with HTTP 200, and any other GraphQL error with HTTP 200.
 */
final class FakeFireflies implements AutoCloseable {

  static final String API_KEY = "test-fireflies-key";
  private static final Pattern ROOT = Pattern.compile("\\{\\s*(\\w+)\\s*\\(");

  /** Every request body, in order. */
  final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  /** Every {@code Authorization} header, in order. */
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  private final Map<String, ObjectNode> transcripts = new LinkedHashMap<>();
  private final HttpServer server;
  private final AtomicInteger failures = new AtomicInteger();
  private volatile Failure failure = Failure.NONE;
  private volatile long retryAfter;
  private volatile String key = API_KEY;

  enum Failure {
    NONE,
    HTTP_429,
    GRAPHQL_RATE_LIMIT,
    GRAPHQL_UNAUTHORIZED,
    GRAPHQL_ERROR
  }

  FakeFireflies() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/graphql", this::graphql);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/graphql";
  }

  /** Forgets transcripts, requests and failure modes. */
  synchronized void reset() {
    transcripts.clear();
    requests.clear();
    authorizations.clear();
    failure = Failure.NONE;
    failures.set(0);
    key = API_KEY;
  }

  /** Accepts only this key from now on (a revoked key: every call is 401). */
  void acceptKey(String key) {
    this.key = key;
  }

  /**
   * Fails the next {@code count} requests; {@code retryAfter} is seconds for HTTP 429, and
   * milliseconds from now for the GraphQL rate-limit error.
   */
  void failNext(Failure failure, int count, long retryAfter) {
    this.retryAfter = retryAfter;
    this.failures.set(count);
    this.failure = failure;
  }

  /** Adds a transcript made from a bundled QMSum meeting: one sentence per turn, 0.4 s a word. */
  synchronized ObjectNode addQmsum(String id, String sample, String title, Instant date)
      throws IOException {
    ObjectNode transcript = transcript(id, title, date, false);
    ArrayNode sentences = transcript.putArray("sentences");
    Map<String, Integer> speakers = new LinkedHashMap<>();
    try (InputStream in = getClass().getResourceAsStream("/qmsum/" + sample + ".json")) {
      double cursor = 0;
      for (JsonNode turn : Http.JSON.readTree(in).get("meeting_transcripts")) {
        String content = turn.get("content").asString();
        double duration = Math.max(0.6, content.trim().split("\\s+").length * 0.4);
        String speaker = turn.get("speaker").asString();
        speakers.putIfAbsent(speaker, speakers.size());
        sentences
            .addObject()
            .put("index", sentences.size())
            .put("speaker_name", speaker)
            .put("speaker_id", speakers.get(speaker))
            .put("text", content)
            .put("raw_text", content)
            .put("start_time", round(cursor))
            .put("end_time", round(cursor + duration));
        cursor += duration + 0.2;
      }
    }
    ArrayNode speakerList = transcript.putArray("speakers");
    speakers.forEach((name, n) -> speakerList.addObject().put("id", n).put("name", name));
    transcript.put(
        "duration", round(sentences.get(sentences.size() - 1).get("end_time").asDouble() / 60));
    transcripts.put(id, transcript);
    return transcript;
  }

  /** Adds a short transcript of {@code (speaker, text)} pairs, 2 s each. */
  synchronized ObjectNode add(
      String id, String title, Instant date, boolean live, String... turns) {
    ObjectNode transcript = transcript(id, title, date, live);
    ArrayNode sentences = transcript.putArray("sentences");
    for (int i = 0; i + 1 < turns.length; i += 2) {
      sentences
          .addObject()
          .put("index", i / 2)
          .put("speaker_name", turns[i])
          .put("speaker_id", i / 2)
          .put("text", turns[i + 1])
          .put("raw_text", turns[i + 1])
          .put("start_time", i)
          .put("end_time", i + 2);
    }
    transcript.put("duration", turns.length / 60.0);
    transcripts.put(id, transcript);
    return transcript;
  }

  private static ObjectNode transcript(String id, String title, Instant date, boolean live) {
    ObjectNode transcript = Http.JSON.createObjectNode();
    transcript.put("id", id);
    transcript.put("title", title);
    transcript.put("date", (double) date.toEpochMilli());
    transcript.put("dateString", date.toString());
    transcript.put("organizer_email", "pm@example.com");
    transcript.putArray("participants").add("pm@example.com").add("designer@example.com");
    transcript.put("transcript_url", "https://app.fireflies.ai/view/" + id);
    transcript.put("is_live", live);
    return transcript;
  }

  private void graphql(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "{\"errors\":[{\"message\":\"POST only\"}]}");
        return;
      }
      JsonNode body = Http.JSON.readTree(exchange.getRequestBody().readAllBytes());
      requests.add(body);
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      authorizations.add(String.valueOf(authorization));
      if (!("Bearer " + key).equals(authorization)) {
        send(exchange, 401, error("Invalid API key", "invalid_api_key", 401, null));
        return;
      }
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        switch (failure) {
          case HTTP_429 -> {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter));
            send(exchange, 429, error("Too many requests", "too_many_requests", 429, null));
          }
          case GRAPHQL_RATE_LIMIT -> {
            ObjectNode metadata = Http.JSON.createObjectNode();
            metadata.put("retryAfter", System.currentTimeMillis() + retryAfter);
            send(exchange, 200, error("Too many requests", "too_many_requests", 429, metadata));
          }
          case GRAPHQL_UNAUTHORIZED ->
              send(exchange, 200, error("Invalid API key", "invalid_api_key", 401, null));
          case GRAPHQL_ERROR ->
              send(
                  exchange,
                  200,
                  error(
                      "Cannot query field \"sentencez\"", "GRAPHQL_VALIDATION_FAILED", 400, null));
          case NONE -> {}
        }
        if (failure != Failure.NONE) {
          return;
        }
      }
      String query = body.path("query").asString("");
      JsonNode variables = body.path("variables");
      Matcher root = ROOT.matcher(query.substring(Math.max(0, query.indexOf('{'))));
      String field = root.find() ? root.group(1) : "";
      ObjectNode data = Http.JSON.createObjectNode();
      switch (field) {
        case "transcript" -> {
          ObjectNode transcript;
          synchronized (this) {
            transcript = transcripts.get(variables.path("id").asString(""));
          }
          if (transcript == null) {
            ObjectNode answer =
                (ObjectNode)
                    Http.JSON.readTree(
                        error("Transcript not found", "object_not_found", 404, null));
            answer.putObject("data").putNull("transcript");
            send(exchange, 200, answer.toString());
            return;
          }
          data.set("transcript", select(transcript, query));
        }
        case "transcripts" -> {
          int limit = variables.path("limit").asInt(50);
          int skip = variables.path("skip").asInt(0);
          long from =
              variables.path("fromDate").isString()
                  ? Instant.parse(variables.path("fromDate").asString()).toEpochMilli()
                  : Long.MIN_VALUE;
          List<ObjectNode> all;
          synchronized (this) {
            all = new ArrayList<>(transcripts.values());
          }
          ArrayNode page = data.putArray("transcripts");
          all.stream()
              .filter(t -> t.get("date").asLong() >= from)
              .sorted(
                  Comparator.comparingDouble((ObjectNode t) -> t.get("date").asDouble()).reversed())
              .skip(skip)
              .limit(Math.min(limit, 50))
              .forEach(t -> page.add(select(t, query)));
        }
        default -> {
          send(exchange, 400, error("Unknown query", "GRAPHQL_VALIDATION_FAILED", 400, null));
          return;
        }
      }
      ObjectNode answer = Http.JSON.createObjectNode();
      answer.set("data", data);
      send(exchange, 200, answer.toString());
    }
  }

  /** The fields of {@code node} the query names: GraphQL answers only what it is asked. */
  private static ObjectNode select(ObjectNode node, String query) {
    ObjectNode selected = Http.JSON.createObjectNode();
    node.properties()
        .forEach(
            e -> {
              if (Pattern.compile("\\b" + e.getKey() + "\\b").matcher(query).find()) {
                JsonNode value = e.getValue();
                if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                  ArrayNode items = Http.JSON.createArrayNode();
                  value.forEach(item -> items.add(select((ObjectNode) item, query)));
                  value = items;
                }
                selected.set(e.getKey(), value);
              }
            });
    return selected;
  }

  private static String error(String message, String code, int status, JsonNode metadata) {
    ObjectNode answer = Http.JSON.createObjectNode();
    ObjectNode error = answer.putArray("errors").addObject();
    error.put("message", message);
    error.put("code", code);
    ObjectNode extensions = error.putObject("extensions");
    extensions.put("code", code);
    extensions.put("status", status);
    if (metadata != null) {
      extensions.set("metadata", metadata);
    }
    return answer.toString();
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
