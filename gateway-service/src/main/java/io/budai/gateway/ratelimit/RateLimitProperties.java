package io.budai.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits per route class ({@code rate-class} of a route): requests per period for one API key
 * (for admin routes: the admin token; for routes without a credential: one client address).
 *
 * @param enabled switch rate limiting off entirely (benchmarks of the raw proxy)
 * @param classes the limit of each class; a class without an entry uses {@code default}
 * @param lease how a replica spends the shared limit locally ({@link LeasedRateLimiter})
 */
@ConfigurationProperties("budai.gateway.rate-limits")
record RateLimitProperties(
    @DefaultValue("true") boolean enabled, Map<String, Limit> classes, @DefaultValue Lease lease) {

  RateLimitProperties {
    classes = classes == null ? Map.of() : Map.copyOf(classes);
  }

  /**
   * @param requests requests allowed per period (also the burst)
   * @param period the window
   */
  record Limit(int requests, Duration period) {

    /** {@code RateLimit-Limit}. */
    String requestsHeader() {
      return String.valueOf(requests);
    }

    /** {@code RateLimit-Policy}: the quota and its window in seconds. */
    String policyHeader() {
      return requests + ";w=" + Math.max(1, period.toSeconds());
    }
  }

  /**
   * @param ttl a lease is not spent after this; its rest goes back to Redis with the next one
   * @param target a lease spent faster than this doubles the next one
   * @param maxShare the largest lease, as a share of the limit (at least one request)
   * @param maxBuckets buckets kept in memory before they are all dropped (they refill from Redis)
   */
  record Lease(
      @DefaultValue("1s") Duration ttl,
      @DefaultValue("50ms") Duration target,
      @DefaultValue("0.05") double maxShare,
      @DefaultValue("100000") int maxBuckets) {}

  Limit limitOf(String rateClass) {
    Limit limit = classes.get(rateClass);
    if (limit == null) {
      limit = classes.get("default");
    }
    return limit == null ? new Limit(600, Duration.ofMinutes(1)) : limit;
  }
}
