package io.budai.communicator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.budai.contracts.BudaiHeaders;
import io.budai.llm.summary.Turn;
import io.budai.test.TestInfrastructure;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local transcription-collector speaking its documented HTTP surface (vexa-api.md's {@code
 * TranscriptionResponse}, BudAI's {@code /search} and {@code /meetings}), enforcing the internal
 * token and per-user ownership; and a local slack-integration {@code POST /messages} that records
 * what it was asked to post.
 */
final class FakeCollector implements AutoCloseable {

  record Stored(long id, String owner, String nativeId, List<Turn> turns) {}

  record Posted(Map<String, String> headers, Map<String, Object> body) {}

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpServer server;
  private final Map<Long, Stored> meetings = new ConcurrentHashMap<>();
  final List<Posted> posted = new CopyOnWriteArrayList<>();

  FakeCollector() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void add(long id, String owner, String nativeId, List<Turn> turns) {
    meetings.put(id, new Stored(id, owner, nativeId, turns));
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      if (!TestInfrastructure.INTERNAL_TOKEN.equals(
          ex.getRequestHeaders().getFirst(BudaiHeaders.INTERNAL_TOKEN))) {
        send(ex, 401, Map.of("title", "Internal endpoint", "status", 401));
        return;
      }
      String path = ex.getRequestURI().getPath();
      String user = ex.getRequestHeaders().getFirst(BudaiHeaders.USER_ID);
      if (path.equals("/messages") && ex.getRequestMethod().equals("POST")) {
        @SuppressWarnings("unchecked")
        Map<String, Object> body = JSON.readValue(ex.getRequestBody().readAllBytes(), Map.class);
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
        posted.add(new Posted(headers, body));
        send(ex, 202, Map.of("status", "queued"));
        return;
      }
      if (user == null) {
        send(ex, 401, Map.of("title", "No user", "status", 401));
        return;
      }
      if (path.startsWith("/transcripts/by-id/")) {
        Stored m = meetings.get(Long.parseLong(path.substring("/transcripts/by-id/".length())));
        if (m == null || !m.owner().equals(user)) {
          send(
              ex,
              404,
              Map.of("type", "https://budai.dev/problems/meeting-not-found", "status", 404));
          return;
        }
        send(ex, 200, transcript(m));
      } else if (path.equals("/search")) {
        String q = query(ex).getOrDefault("q", "");
        List<Map<String, Object>> results = new ArrayList<>();
        for (Stored m : meetings.values()) {
          if (!m.owner().equals(user)) {
            continue;
          }
          List<Map<String, Object>> segments = segments(m);
          for (Map<String, Object> s : segments) {
            String text = ((String) s.get("text")).toLowerCase(Locale.ROOT);
            for (String term : q.toLowerCase(Locale.ROOT).split(" or ")) {
              if (!term.isBlank() && text.contains(term.strip())) {
                Map<String, Object> hit = new LinkedHashMap<>();
                hit.put("meeting_id", m.id());
                hit.put("platform", "google_meet");
                hit.put("native_meeting_id", m.nativeId());
                hit.put("meeting_name", null);
                hit.put("meeting_status", "completed");
                hit.put("segment_id", s.get("segment_id"));
                hit.put("speaker", s.get("speaker"));
                hit.put("start", s.get("start"));
                hit.put("end", s.get("end"));
                hit.put("absolute_start_time", null);
                hit.put("text", s.get("text"));
                hit.put("snippet", s.get("text"));
                hit.put("rank", 0.5);
                results.add(hit);
                break;
              }
            }
          }
        }
        send(
            ex,
            200,
            Map.of(
                "query",
                q,
                "results",
                results.subList(0, Math.min(8, results.size())),
                "has_more",
                false,
                "limit",
                8,
                "offset",
                0));
      } else if (path.equals("/meetings")) {
        List<Map<String, Object>> rows = new ArrayList<>();
        meetings.values().stream()
            .filter(m -> m.owner().equals(user))
            .sorted((a, b) -> Long.compare(b.id(), a.id()))
            .forEach(
                m ->
                    rows.add(
                        Map.of(
                            "id",
                            m.id(),
                            "user_id",
                            1,
                            "platform",
                            "google_meet",
                            "native_meeting_id",
                            m.nativeId(),
                            "status",
                            "completed",
                            "data",
                            Map.of(),
                            "created_at",
                            "2026-01-05T10:00:00Z",
                            "updated_at",
                            "2026-01-05T11:00:00Z")));
        send(ex, 200, Map.of("meetings", rows, "has_more", false, "limit", 50, "offset", 0));
      } else {
        send(ex, 404, Map.of("status", 404));
      }
    } finally {
      ex.close();
    }
  }

  private static Map<String, Object> transcript(Stored m) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", m.id());
    t.put("platform", "google_meet");
    t.put("native_meeting_id", m.nativeId());
    t.put("constructed_meeting_url", "https://meet.google.com/" + m.nativeId());
    t.put("status", "completed");
    t.put("start_time", "2026-01-05T10:00:00Z");
    t.put("end_time", "2026-01-05T10:40:00Z");
    t.put("data", Map.of());
    t.put("segments", segments(m));
    t.put("next_since", "1736071200000:0");
    return t;
  }

  /** Segments with plausible times: 0.4 s per word (qmsum/README.md). */
  private static List<Map<String, Object>> segments(Stored m) {
    List<Map<String, Object>> out = new ArrayList<>();
    double clock = 0;
    for (int i = 0; i < m.turns().size(); i++) {
      Turn t = m.turns().get(i);
      double duration = 0.4 * Math.max(1, t.text().split("\\s+").length);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("start", clock);
      s.put("end", clock + duration);
      s.put("text", t.text());
      s.put("language", "en");
      s.put("created_at", "2026-01-05T10:00:00Z");
      s.put("speaker", t.speaker());
      s.put("absolute_start_time", null);
      s.put("absolute_end_time", null);
      s.put("completed", true);
      s.put("segment_id", String.valueOf(i));
      s.put("session_uid", "sess-" + m.id());
      out.add(s);
      clock += duration;
    }
    return out;
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> q = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        q.put(
            URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return q;
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] out = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders()
        .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
    ex.sendResponseHeaders(status, out.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(out);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
