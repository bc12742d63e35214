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
 */
@ConfigurationProperties("budai.gateway.rate-limits")
record RateLimitProperties(@DefaultValue("true") boolean enabled, Map<String, Limit> classes) {

  RateLimitProperties {
    classes = classes == null ? Map.of() : Map.copyOf(classes);
  }

  /**
   * @param requests requests allowed per period (also the burst)
   * @param period the window
   */
  record Limit(int requests, Duration period) {}

  Limit limitOf(String rateClass) {
    Limit limit = classes.get(rateClass);
    if (limit == null) {
      limit = classes.get("default");
    }
    return limit == null ? new Limit(600, Duration.ofMinutes(1)) : limit;
  }
}
