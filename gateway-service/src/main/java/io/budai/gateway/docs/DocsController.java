package io.budai.gateway.docs;

import io.budai.gateway.routes.RouteTable;
import io.budai.gateway.routes.RouteTableProperties;
import io.budai.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * API documentation at the edge: {@code /openapi.json} merges every service's {@code /v3/api-docs}
 * as the gateway exposes them, {@code /docs/api/{service}} serves one service's, and {@code /docs}
 * (springdoc's Swagger UI) shows them all.
 */
@RestController
@Hidden
class DocsController {

  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(3);

  private final RouteTableProperties properties;
  private final OpenApiMerger merger;
  private final WebClient web;
  private final JsonMapper json;

  DocsController(
      RouteTableProperties properties, RouteTable table, WebClient.Builder web, JsonMapper json) {
    this.properties = properties;
    this.merger = new OpenApiMerger(table, json);
    this.web = web.build();
    this.json = json;
  }

  @GetMapping(path = "/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ObjectNode> merged() {
    Map<String, JsonNode> docs = new ConcurrentHashMap<>();
    List<String> unavailable = new CopyOnWriteArrayList<>();
    return Flux.fromIterable(merger.services())
        .flatMap(
            service ->
                fetch(service)
                    .doOnNext(doc -> docs.put(service, doc))
                    .onErrorResume(
                        e -> {
                          unavailable.add(service);
                          return Mono.empty();
                        }))
        .then(Mono.fromSupplier(() -> merger.merge(docs, unavailable)));
  }

  @GetMapping(path = "/docs/api/{service}", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ObjectNode> service(@PathVariable String service) {
    if (!merger.services().contains(service)) {
      return Mono.error(
          new ProblemException(
              HttpStatus.NOT_FOUND,
              "unknown-service",
              "Unknown service",
              "No gateway route leads to a service named " + service + "."));
    }
    return fetch(service)
        .map(doc -> merger.forService(service, doc))
        .onErrorMap(
            e -> !(e instanceof ProblemException),
            e ->
                new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "docs-unavailable",
                    "Documentation unavailable",
                    "The " + service + " service did not serve its OpenAPI document."));
  }

  private Mono<JsonNode> fetch(String service) {
    String base = properties.services().get(service);
    return web.get()
        .uri(base + "/v3/api-docs")
        .accept(MediaType.APPLICATION_JSON)
        .retrieve()
        .bodyToMono(String.class)
        .timeout(FETCH_TIMEOUT)
        .map(json::readTree);
  }
}
