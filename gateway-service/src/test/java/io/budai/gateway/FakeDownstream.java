package io.budai.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A trivial downstream service for gateway tests (Reactor Netty, loopback, random port). It records
 * every request and answers by path: {@code /v3/api-docs} with a small OpenAPI document, paths
 * containing {@code /slow} after 3 s, {@code /fail} with 500, {@code /ws} as a WebSocket echo,
 * anything else 200 with JSON naming the service. An optional handler takes over first.
 */
public final class FakeDownstream implements AutoCloseable {

  /** A request as the downstream received it. */
  public record Received(String method, String uri, Map<String, String> headers, String body) {
    public @Nullable String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** An answer of a custom handler. */
  public record Answer(int status, String contentType, String body) {}

  private final String name;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final @Nullable Function<Received, @Nullable Answer> handler;
  private final DisposableServer server;

  public FakeDownstream(String name, @Nullable Function<Received, @Nullable Answer> handler) {
    this.name = name;
    this.handler = handler;
    this.server =
        HttpServer.create()
            .host("127.0.0.1")
            .port(0)
            .handle(
                (request, response) -> {
                  if ("websocket".equalsIgnoreCase(request.requestHeaders().get("upgrade"))
                      && request.path().startsWith("ws")) {
                    record(request, "");
                    return response.sendWebsocket(
                        (in, out) -> out.sendString(in.receive().asString()));
                  }
                  return request
                      .receive()
                      .aggregate()
                      .asString(StandardCharsets.UTF_8)
                      .defaultIfEmpty("")
                      .flatMap(
                          body -> {
                            Received got = record(request, body);
                            Answer answer = answer(got);
                            Mono<Void> send =
                                Mono.defer(
                                    () ->
                                        correlated(request, response)
                                            .status(answer.status())
                                            .header("Content-Type", answer.contentType())
                                            .sendString(Mono.just(answer.body()))
                                            .then());
                            return got.uri().contains("/slow")
                                ? Mono.delay(Duration.ofSeconds(3)).then(send)
                                : send;
                          });
                })
            .bindNow();
  }

  /** Like every BudAI service, answers with the correlation id it was given. */
  private static HttpServerResponse correlated(
      HttpServerRequest request, HttpServerResponse response) {
    String id = request.requestHeaders().get("X-Correlation-Id");
    return id == null ? response : response.header("X-Correlation-Id", id);
  }

  private Received record(HttpServerRequest request, String body) {
    Map<String, String> headers = new TreeMap<>();
    request
        .requestHeaders()
        .forEach(
            e ->
                headers.merge(
                    e.getKey().toLowerCase(Locale.ROOT), e.getValue(), (a, b) -> a + "," + b));
    Received got = new Received(request.method().name(), request.uri(), headers, body);
    if (!got.uri().startsWith("/v3/api-docs")) {
      received.add(got);
    }
    return got;
  }

  private Answer answer(Received request) {
    if (handler != null) {
      Answer custom = handler.apply(request);
      if (custom != null) {
        return custom;
      }
    }
    if (request.uri().startsWith("/v3/api-docs")) {
      return new Answer(200, "application/json", apiDocs());
    }
    if (request.uri().contains("/fail")) {
      return new Answer(500, "application/json", "{\"error\":\"boom\"}");
    }
    return new Answer(
        200,
        "application/json",
        "{\"service\":\"" + name + "\",\"method\":\"" + request.method() + "\"}");
  }

  /** A document with one public and one internal path, so tests see what the gateway keeps. */
  private String apiDocs() {
    return """
        {"openapi":"3.1.0","info":{"title":"%1$s","version":"1"},
         "servers":[{"url":"http://127.0.0.1:%2$d"}],
         "paths":{
           "/meetings":{"get":{"operationId":"listMeetings%1$s","responses":{"200":{"description":"ok"}}}},
           "/bots":{"post":{"operationId":"startBot%1$s","responses":{"201":{"description":"ok"}}}},
           "/admin/users":{"post":{"operationId":"createUser%1$s","responses":{"201":{"description":"ok"}}}},
           "/internal/secret":{"get":{"operationId":"internal%1$s","responses":{"200":{"description":"ok"}}}}},
         "components":{"schemas":{"Thing%1$s":{"type":"object"}}}}
        """
        .formatted(name.replace("-", ""), port());
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  public int port() {
    return server.port();
  }

  public List<Received> received() {
    return received;
  }

  public @Nullable Received last() {
    return received.isEmpty() ? null : received.getLast();
  }

  public void clear() {
    received.clear();
  }

  @Override
  public void close() {
    server.disposeNow();
  }
}
