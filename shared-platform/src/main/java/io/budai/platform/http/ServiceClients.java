package io.budai.platform.http;

import io.budai.contracts.BudaiHeaders;
import io.budai.platform.config.BudaiProperties;
import io.budai.platform.web.CorrelationIds;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Makes {@link ServiceClient}s for service-to-service calls. Every client sends {@code
 * X-Internal-Token} and {@code X-Correlation-Id}; its retries and breaker are registered under the
 * downstream's name so their metrics appear in Prometheus.
 */
public final class ServiceClients {

  private final BudaiProperties.Clients defaults;
  private final String internalToken;
  private final RestClient.Builder builder;
  private final CircuitBreakerRegistry circuitBreakers;
  private final RetryRegistry retries;
  private final ConcurrentMap<String, ServiceClient> clients = new ConcurrentHashMap<>();

  public ServiceClients(
      BudaiProperties.Clients defaults,
      String internalToken,
      RestClient.Builder builder,
      CircuitBreakerRegistry circuitBreakers,
      RetryRegistry retries) {
    this.defaults = defaults;
    this.internalToken = internalToken;
    this.builder = builder;
    this.circuitBreakers = circuitBreakers;
    this.retries = retries;
  }

  /** The client of downstream {@code name} at {@code baseUrl}, with the default time limits. */
  public ServiceClient client(String name, String baseUrl) {
    return client(name, baseUrl, defaults.readTimeout());
  }

  /** The client of downstream {@code name} at {@code baseUrl} with its own read time limit. */
  public ServiceClient client(String name, String baseUrl, Duration readTimeout) {
    return clients.computeIfAbsent(name + "@" + baseUrl, k -> create(name, baseUrl, readTimeout));
  }

  private ServiceClient create(String name, String baseUrl, Duration readTimeout) {
    java.net.http.HttpClient http =
        java.net.http.HttpClient.newBuilder().connectTimeout(defaults.connectTimeout()).build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(readTimeout);
    ClientHttpRequestInterceptor headers =
        (request, body, execution) -> {
          request.getHeaders().set(BudaiHeaders.INTERNAL_TOKEN, internalToken);
          String correlationId = CorrelationIds.current();
          if (correlationId != null) {
            request.getHeaders().set(BudaiHeaders.CORRELATION_ID, correlationId);
          }
          return execution.execute(request, body);
        };
    RestClient rest =
        builder
            .clone()
            .baseUrl(baseUrl)
            .requestFactory(factory)
            .requestInterceptor(headers)
            .build();
    CircuitBreakerConfig breakerConfig =
        CircuitBreakerConfig.custom()
            .failureRateThreshold(defaults.failureRateThreshold())
            .slidingWindowSize(20)
            .minimumNumberOfCalls(5)
            .waitDurationInOpenState(defaults.openStateWait())
            .permittedNumberOfCallsInHalfOpenState(2)
            .recordException(ServiceClients::isTransient)
            .build();
    RetryConfig retryConfig =
        RetryConfig.custom()
            .maxAttempts(defaults.maxAttempts())
            .retryOnException(ServiceClients::isTransient)
            .intervalBiFunction(backoff(defaults.initialBackoff()))
            .build();
    return new ServiceClient(
        name,
        rest,
        circuitBreakers.circuitBreaker(name, breakerConfig),
        retries.retry(name, retryConfig));
  }

  /** Network errors, time-outs, 5xx and 429 are worth another try; other 4xx are not. */
  static boolean isTransient(Throwable e) {
    return e instanceof ResourceAccessException
        || e instanceof HttpServerErrorException
        || e instanceof HttpClientErrorException.TooManyRequests;
  }

  /**
   * Exponential back-off with full jitter; a 429's {@code Retry-After} (seconds) wins when it asks
   * for longer.
   */
  static IntervalBiFunction<Object> backoff(Duration initial) {
    return (attempt, either) -> {
      long cap = initial.toMillis() * (1L << Math.min(attempt - 1, 10));
      long delay = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
      Long retryAfter = retryAfterMillis(either);
      return retryAfter != null ? Math.max(delay, retryAfter) : delay;
    };
  }

  private static Long retryAfterMillis(Either<Throwable, Object> either) {
    if (either != null
        && either.isLeft()
        && either.getLeft() instanceof HttpClientErrorException.TooManyRequests tooMany
        && tooMany.getResponseHeaders() != null) {
      String value = tooMany.getResponseHeaders().getFirst("Retry-After");
      if (value != null) {
        try {
          return Math.min(Long.parseLong(value.trim()) * 1000, 60_000);
        } catch (NumberFormatException ignored) {
          return null;
        }
      }
    }
    return null;
  }
}
