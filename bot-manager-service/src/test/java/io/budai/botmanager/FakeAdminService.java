package io.budai.botmanager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.budai.contracts.BudaiHeaders;
import io.budai.test.TestInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * admin-service's {@code GET /internal/limits/check?user_id&model} as its contract answers it
 * ({@code {user_id, model, allowed, reason, max_concurrent_bots, …}}), with per-user limits set by
 * the test and an outage switch (500s).
 */
final class FakeAdminService implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, Integer> limits = new ConcurrentHashMap<>();
  private final Map<String, String> refusals = new ConcurrentHashMap<>();
  private final AtomicBoolean down = new AtomicBoolean();
  final AtomicInteger calls = new AtomicInteger();

  FakeAdminService() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/internal/limits/check", this::check);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void limit(String userId, int maxConcurrentBots) {
    limits.put(userId, maxConcurrentBots);
  }

  void refuse(String userId, String reason) {
    refusals.put(userId, reason);
  }

  void down(boolean value) {
    down.set(value);
  }

  private void check(HttpExchange exchange) throws IOException {
    calls.incrementAndGet();
    if (!TestInfrastructure.INTERNAL_TOKEN.equals(
        exchange.getRequestHeaders().getFirst(BudaiHeaders.INTERNAL_TOKEN))) {
      respond(exchange, 401, "{\"status\":401}");
      return;
    }
    if (down.get()) {
      respond(exchange, 500, "{\"status\":500}");
      return;
    }
    String user =
        UriComponentsBuilder.fromUri(exchange.getRequestURI())
            .build()
            .getQueryParams()
            .getFirst("user_id");
    int limit = limits.getOrDefault(user, 3);
    String reason = refusals.get(user);
    respond(
        exchange,
        200,
        """
        {"user_id":%s,"model":"default","plan":{"id":1,"name":"starter"},"allowed":%s,
         "reason":%s,"max_concurrent_bots":%d,"monthly_transcription_minutes":600,
         "used_transcription_minutes":12.5,"monthly_llm_tokens":null,"used_llm_tokens":0,
         "period_start":"2026-11-01","period_end":"2026-11-30"}"""
            .formatted(
                user, reason == null, reason == null ? "null" : "\"" + reason + "\"", limit));
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
