package io.budai.botmanager.recall;

import io.budai.botmanager.BotManagerProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recall.ai's REST API (protocols.md §4): {@code POST /api/v1/bot/}, {@code GET /api/v1/bot/{id}/},
 * {@code POST /api/v1/bot/{id}/leave_call/}, authenticated with {@code Authorization: Token <key>}.
 * Calls have a time limit and a circuit breaker; a 429 (honouring {@code Retry-After}), 5xx or
 * network error is retried with jittered back-off, except that creating a bot is retried only on
 * 429 (a bot must not be created twice).
 */
@Component
class RecallClient {

  private final RestClient rest;
  private final JsonMapper json;
  private final CircuitBreaker breaker;
  private final Retry retryAll;
  private final Retry retryThrottled;

  RecallClient(
      BotManagerProperties properties,
      JsonMapper json,
      RestClient.Builder builder,
      CircuitBreakerRegistry breakers,
      RetryRegistry retries) {
    BotManagerProperties.Recall recall = properties.recall();
    JdkClientHttpRequestFactory factory =
        new JdkClientHttpRequestFactory(
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build());
    factory.setReadTimeout(recall.timeout());
    String key = recall.apiKey() == null ? "" : recall.apiKey();
    this.rest =
        builder
            .clone()
            .baseUrl(recall.baseUrl())
            .requestFactory(factory)
            .defaultHeader("Authorization", key.startsWith("Token ") ? key : "Token " + key)
            .build();
    this.json = json;
    this.breaker =
        breakers.circuitBreaker(
            "recall",
            CircuitBreakerConfig.custom()
                .failureRateThreshold(50)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .waitDurationInOpenState(Duration.ofSeconds(15))
                .recordException(RecallClient::transientError)
                .build());
    this.retryAll = retries.retry("recall", retry(RecallClient::transientError));
    this.retryThrottled =
        retries.retry(
            "recall-create", retry(e -> e instanceof HttpClientErrorException.TooManyRequests));
  }

  /** Creates a bot; Recall's bot object. */
  JsonNode createBot(JsonNode body) {
    return call(
        retryThrottled,
        () ->
            json.readTree(
                rest.post()
                    .uri("/api/v1/bot/")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(body))
                    .retrieve()
                    .body(String.class)));
  }

  /** Removes the bot from its call. */
  void leaveCall(String recallBotId) {
    call(
        retryAll,
        () ->
            rest.post()
                .uri("/api/v1/bot/{id}/leave_call/", recallBotId)
                .retrieve()
                .toBodilessEntity());
  }

  private <T> T call(Retry retry, Supplier<T> call) {
    try {
      return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(breaker, call)).get();
    } catch (CallNotPermittedException e) {
      throw new RecallUnavailableException("Recall calls are paused after repeated failures", e);
    }
  }

  private static RetryConfig retry(java.util.function.Predicate<Throwable> when) {
    return RetryConfig.custom()
        .maxAttempts(3)
        .retryOnException(when)
        .intervalBiFunction(
            (attempt, either) -> {
              long delay = 300L * (1L << Math.min(attempt - 1, 6));
              long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
              if (either != null
                  && either.isLeft()
                  && either.getLeft() instanceof HttpClientErrorException.TooManyRequests tooMany
                  && tooMany.getResponseHeaders() != null
                  && tooMany.getResponseHeaders().getFirst("Retry-After") != null) {
                try {
                  long seconds =
                      Long.parseLong(tooMany.getResponseHeaders().getFirst("Retry-After").trim());
                  return Math.max(jittered, Math.min(seconds * 1000, 30_000));
                } catch (NumberFormatException ignored) {
                  return jittered;
                }
              }
              return jittered;
            })
        .build();
  }

  private static boolean transientError(Throwable e) {
    return e instanceof ResourceAccessException
        || e instanceof HttpServerErrorException
        || e instanceof HttpClientErrorException.TooManyRequests;
  }

  /** Recall cannot be reached right now. */
  static final class RecallUnavailableException extends RuntimeException {
    RecallUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
