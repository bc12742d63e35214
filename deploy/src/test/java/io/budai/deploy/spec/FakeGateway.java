package io.budai.deploy.spec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the gateway in front of admin-service, answering the smoke flow's five calls the
 * way the real routes do (status codes and JSON fields of the Vexa-compatible API).
 */
final class FakeGateway implements AutoCloseable {

  final List<String> calls = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final String adminToken;
  volatile int meetingsStatus = 200;

  FakeGateway(String adminToken) {
    this.adminToken = adminToken;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
    calls.add(call);
    String apiKey = exchange.getRequestHeaders().getFirst("X-API-Key");
    boolean admin = adminToken.equals(exchange.getRequestHeaders().getFirst("X-Admin-API-Key"));
    switch (call) {
      case "GET /actuator/health" -> send(exchange, 200, "{\"status\":\"UP\"}");
      case "GET /meetings" -> {
        if (apiKey == null) {
          send(exchange, 401, "{\"title\":\"Unauthorized\"}");
        } else if ("key-123".equals(apiKey)) {
          send(exchange, meetingsStatus, "{\"meetings\":[]}");
        } else {
          send(exchange, 403, "{\"title\":\"Forbidden\"}");
        }
      }
      case "POST /admin/users" ->
          send(exchange, admin ? 201 : 403, admin ? "{\"id\":7,\"email\":\"x\"}" : "{}");
      case "POST /admin/users/7/tokens" ->
          send(
              exchange,
              admin ? 201 : 403,
              admin ? "{\"id\":3,\"token\":\"key-123\",\"user_id\":7}" : "{}");
      case "DELETE /admin/tokens/3" -> send(exchange, admin ? 204 : 403, "");
      default -> send(exchange, 404, "{}");
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
