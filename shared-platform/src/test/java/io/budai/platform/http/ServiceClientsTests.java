package io.budai.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.budai.contracts.BudaiHeaders;
import io.budai.platform.config.BudaiProperties;
import io.budai.platform.web.CorrelationIds;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/** ServiceClient against a real HTTP server that answers from a script. */
class ServiceClientsTests {

  private HttpServer server;
  private final ConcurrentLinkedQueue<int[]> script = new ConcurrentLinkedQueue<>();
  private final List<HttpExchange> seen = new CopyOnWriteArrayList<>();
  private final List<String> seenTokens = new CopyOnWriteArrayList<>();
  private final List<String> seenCorrelationIds = new CopyOnWriteArrayList<>();
  private ServiceClients clients;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          seen.add(exchange);
          seenTokens.add(exchange.getRequestHeaders().getFirst(BudaiHeaders.INTERNAL_TOKEN));
          seenCorrelationIds.add(
              String.valueOf(exchange.getRequestHeaders().getFirst(BudaiHeaders.CORRELATION_ID)));
          int[] next = script.poll();
          int status = next == null ? 200 : next[0];
          if (next != null && next.length > 1) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(next[1]));
          }
          byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    BudaiProperties.Clients config =
        new BudaiProperties.Clients(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            3,
            Duration.ofMillis(10),
            50,
            Duration.ofSeconds(30));
    clients =
        new ServiceClients(
            config,
            "secret-token",
            RestClient.builder(),
            CircuitBreakerRegistry.ofDefaults(),
            RetryRegistry.ofDefaults());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private String get(ServiceClient client, boolean idempotent) {
    return client.call(idempotent, rest -> rest.get().uri("/thing").retrieve().body(String.class));
  }

  @Test
  void retriesServerErrorsThenSucceeds() {
    script.add(new int[] {500});
    script.add(new int[] {503});
    ServiceClient client = clients.client("flaky", url());

    String body = get(client, true);

    assertThat(body).contains("200");
    assertThat(seen).hasSize(3);
  }

  @Test
  void honoursTooManyRequestsAndRetries() {
    script.add(new int[] {429, 1});
    ServiceClient client = clients.client("limited", url());

    assertThat(get(client, true)).contains("200");
    assertThat(seen).hasSize(2);
  }

  @Test
  void doesNotRetryClientErrors() {
    script.add(new int[] {400});
    ServiceClient client = clients.client("strict", url());

    assertThatThrownBy(() -> get(client, true)).isInstanceOf(HttpClientErrorException.class);
    assertThat(seen).hasSize(1);
  }

  @Test
  void doesNotRetryCallsThatAreNotIdempotent() {
    script.add(new int[] {500});
    ServiceClient client = clients.client("once", url());

    assertThatThrownBy(() -> get(client, false)).isInstanceOf(HttpServerErrorException.class);
    assertThat(seen).hasSize(1);
  }

  @Test
  void givesUpAfterMaxAttempts() {
    for (int i = 0; i < 5; i++) {
      script.add(new int[] {502});
    }
    ServiceClient client = clients.client("down", url());

    assertThatThrownBy(() -> get(client, true)).isInstanceOf(HttpServerErrorException.class);
    assertThat(seen).hasSize(3);
  }

  @Test
  void opensTheCircuitAfterRepeatedFailuresAndFailsFast() {
    for (int i = 0; i < 50; i++) {
      script.add(new int[] {500});
    }
    ServiceClient client = clients.client("breaking", url());
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> get(client, false)).isInstanceOf(HttpServerErrorException.class);
    }

    assertThat(client.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    int before = seen.size();
    assertThatThrownBy(() -> get(client, false))
        .isInstanceOf(ServiceClient.DownstreamUnavailableException.class);
    assertThat(seen).hasSize(before);
  }

  @Test
  void unreachableDownstreamIsTransient() {
    ServiceClient client = clients.client("nowhere", "http://127.0.0.1:1");

    assertThatThrownBy(() -> get(client, true)).isInstanceOf(ResourceAccessException.class);
    assertThat(ServiceClients.isTransient(new ResourceAccessException("x"))).isTrue();
  }

  @Test
  void sendsTheInternalTokenAndTheCurrentCorrelationId() {
    ServiceClient client = clients.client("headers", url());

    CorrelationIds.runWith("corr-42", () -> get(client, true));

    assertThat(seenTokens).containsExactly("secret-token");
    assertThat(seenCorrelationIds).containsExactly("corr-42");
  }

  @Test
  void backoffGrowsWithJitterAndRespectsRetryAfter() {
    var backoff = ServiceClients.backoff(Duration.ofMillis(100));
    for (int i = 0; i < 20; i++) {
      assertThat(backoff.apply(1, null)).isBetween(50L, 100L);
      assertThat(backoff.apply(3, null)).isBetween(200L, 400L);
    }
  }
}
