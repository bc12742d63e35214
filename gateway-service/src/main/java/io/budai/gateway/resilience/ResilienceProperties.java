package io.budai.gateway.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Protection of the gateway and of the services behind it.
 *
 * @param maxBodySize the largest request body the gateway forwards; larger ones get 413
 * @param circuitBreaker the circuit breaker kept per downstream service
 */
@ConfigurationProperties("budai.gateway.resilience")
record ResilienceProperties(
    @DefaultValue("10MB") DataSize maxBodySize, @DefaultValue CircuitBreaker circuitBreaker) {

  /**
   * @param failureRateThreshold percentage of failed calls (errors, time-outs, 5xx answers) in the
   *     window that opens the breaker
   * @param slidingWindowSize calls the failure rate is computed over
   * @param minimumNumberOfCalls calls needed before the rate counts
   * @param openStateWait how long an open breaker answers 503 before letting trial calls through
   */
  record CircuitBreaker(
      @DefaultValue("50") float failureRateThreshold,
      @DefaultValue("20") int slidingWindowSize,
      @DefaultValue("10") int minimumNumberOfCalls,
      @DefaultValue("10s") Duration openStateWait) {}
}
