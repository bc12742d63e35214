package io.budai.orchestrator.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A small HTTP server on a free loopback port (the JDK's {@link HttpServer}) that answers routes by
 * method and path prefix and records every request, so tests see exactly what the orchestrator sent
 * over the wire.
 */
public final class FakeServer implements AutoCloseable {

  /** A request as received. Header names are lower-case. */
  public record Request(String method, String path, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** What to answer. */
  public record Response(int status, String body, Map<String, String> headers) {
    public static Response json(int status, String body) {
      return new Response(status, body, Map.of("Content-Type", "application/json"));
    }
  }

  private record Route(String method, String prefix, Function<Request, Response> handler) {}

  private final String name;
  private final HttpServer server;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final java.util.Queue<Request> requests =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  public FakeServer(String name) {
    this.name = name;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  /** Answers {@code method} requests whose path starts with {@code prefix} with {@code handler}. */
  public FakeServer route(String method, String prefix, Function<Request, Response> handler) {
    routes.add(new Route(method, prefix, handler));
    return this;
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Every request received, in order. */
  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** Requests received on paths starting with {@code prefix}. */
  public List<Request> requests(String method, String prefix) {
    return requests.stream()
        .filter(r -> r.method().equals(method) && r.path().startsWith(prefix))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.getFirst()));
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      Request request =
          new Request(
              exchange.getRequestMethod(),
              query == null ? path : path + "?" + query,
              headers,
              body);
      requests.add(request);
      Response response = Response.json(404, "{\"detail\":\"" + name + ": no route\"}");
      for (Route route : routes) {
        if (route.method().equals(request.method()) && path.startsWith(route.prefix())) {
          response = route.handler().apply(request);
          break;
        }
      }
      byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
    } catch (RuntimeException e) {
      // the client went away (a test stopped the orchestrator mid-call)
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
