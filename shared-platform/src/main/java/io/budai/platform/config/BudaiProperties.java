package io.budai.platform.config;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every service shares, under {@code budai.*}.
 *
 * @param internalToken the shared secret of service-to-service calls ({@code BUDAI_INTERNAL_TOKEN})
 * @param internalAuth which paths require the internal token
 * @param clients time limits and resilience of outbound service calls
 */
@ConfigurationProperties("budai")
public record BudaiProperties(
    @Nullable String internalToken,
    @DefaultValue InternalAuth internalAuth,
    @DefaultValue Clients clients) {

  /**
   * Which requests must carry {@code X-Internal-Token}.
   *
   * @param protectedPaths path patterns that require the token (services reached only through the
   *     gateway or from other services protect everything)
   * @param publicPaths path patterns that never require it (health, docs, signed webhooks)
   */
  public record InternalAuth(
      @DefaultValue("/**") List<String> protectedPaths,
      @DefaultValue({
            "/actuator/**",
            "/v3/api-docs/**",
            "/swagger-ui/**",
            "/swagger-ui.html",
            "/error"
          })
          List<String> publicPaths) {}

  /**
   * Defaults for {@link io.budai.platform.http.ServiceClients}.
   *
   * @param connectTimeout TCP connect time limit
   * @param readTimeout time limit of one call
   * @param maxAttempts attempts of an idempotent call, including the first
   * @param initialBackoff first retry delay (grows exponentially with jitter)
   * @param failureRateThreshold percentage of failures that opens the circuit breaker
   * @param openStateWait how long an open breaker rejects calls before trying again
   */
  public record Clients(
      @DefaultValue("2s") Duration connectTimeout,
      @DefaultValue("10s") Duration readTimeout,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("200ms") Duration initialBackoff,
      @DefaultValue("50") float failureRateThreshold,
      @DefaultValue("10s") Duration openStateWait) {}
}
