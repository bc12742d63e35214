package io.budai.platform.http;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

/**
 * A client of one downstream service: a {@link RestClient} that carries the internal token and the
 * correlation id and has time limits, wrapped in a circuit breaker and, for calls that are safe to
 * repeat, a retry with jittered exponential back-off that honours {@code Retry-After}.
 *
 * <pre>{@code
 * Summary s = summarizer.call(true, rest -> rest.post().uri("/summarize").body(req)
 *     .retrieve().body(Summary.class));
 * }</pre>
 */
public final class ServiceClient {

  private final String name;
  private final RestClient rest;
  private final CircuitBreaker circuitBreaker;
  private final Retry retry;

  ServiceClient(String name, RestClient rest, CircuitBreaker circuitBreaker, Retry retry) {
    this.name = name;
    this.rest = rest;
    this.circuitBreaker = circuitBreaker;
    this.retry = retry;
  }

  /** The downstream's logical name (also the circuit breaker's and retry's name). */
  public String name() {
    return name;
  }

  /** The underlying client, for calls that need neither retry nor circuit breaking. */
  public RestClient rest() {
    return rest;
  }

  /** The circuit breaker guarding this downstream. */
  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  /**
   * Runs {@code call} through the circuit breaker, and through the retry when {@code idempotent}.
   *
   * @throws DownstreamUnavailableException when the circuit is open
   */
  public <T> T call(boolean idempotent, Function<RestClient, T> call) {
    try {
      if (idempotent) {
        return Retry.decorateSupplier(
                retry, CircuitBreaker.decorateSupplier(circuitBreaker, () -> call.apply(rest)))
            .get();
      }
      return CircuitBreaker.decorateSupplier(circuitBreaker, () -> call.apply(rest)).get();
    } catch (CallNotPermittedException e) {
      throw new DownstreamUnavailableException(name, e);
    }
  }

  /** Thrown while the circuit breaker of a downstream is open. */
  public static final class DownstreamUnavailableException
      extends io.budai.platform.web.ProblemException {
    DownstreamUnavailableException(String name, Throwable cause) {
      super(
          HttpStatus.SERVICE_UNAVAILABLE,
          "downstream-unavailable",
          "Downstream unavailable",
          "The " + name + " service is failing; calls are paused briefly (circuit open).",
          cause);
    }
  }
}
