package io.budai.gateway.cors;

import io.budai.contracts.BudaiHeaders;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.cors.reactive.CorsWebFilter;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.WebFilter;

/**
 * CORS for every path, from configuration. Preflight requests are answered here, before
 * authentication (browsers send them without credentials); requests from origins not listed get a
 * 403. Without configured origins there is no CORS at all.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class CorsConfiguration {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WebFilter corsWebFilter(CorsProperties properties) {
    org.springframework.web.cors.CorsConfiguration cors =
        new org.springframework.web.cors.CorsConfiguration();
    List<String> origins =
        properties.allowedOrigins().stream().map(String::trim).filter(o -> !o.isEmpty()).toList();
    if (origins.isEmpty()) {
      // No browser origin is trusted: answer no CORS at all (rather than 403 every request that
      // carries an Origin, which would also hit same-site pages behind a TLS-terminating proxy).
      return (exchange, chain) -> chain.filter(exchange);
    }
    cors.setAllowedOriginPatterns(origins);
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
    cors.setAllowedHeaders(
        List.of(
            BudaiHeaders.API_KEY,
            BudaiHeaders.ADMIN_API_KEY,
            BudaiHeaders.CORRELATION_ID,
            BudaiHeaders.IDEMPOTENCY_KEY,
            "Content-Type",
            "Accept",
            "Authorization"));
    cors.setExposedHeaders(
        List.of(
            BudaiHeaders.CORRELATION_ID,
            "Retry-After",
            "RateLimit-Limit",
            "RateLimit-Remaining",
            "RateLimit-Reset",
            "RateLimit-Policy"));
    cors.setAllowCredentials(false);
    cors.setMaxAge(properties.maxAge());
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    return new CorsWebFilter(source);
  }
}
