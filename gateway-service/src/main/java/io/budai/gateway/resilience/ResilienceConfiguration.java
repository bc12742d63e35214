package io.budai.gateway.resilience;

import io.budai.gateway.problems.Problems;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Body size limit and circuit breakers per downstream. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResilienceProperties.class)
class ResilienceConfiguration {

  @Bean
  BodySizeLimitFilter bodySizeLimitFilter(ResilienceProperties properties, Problems problems) {
    return new BodySizeLimitFilter(properties.maxBodySize().toBytes(), problems);
  }

  @Bean
  DownstreamCircuitBreakerFilter downstreamCircuitBreakerFilter(
      CircuitBreakerRegistry registry, ResilienceProperties properties, Problems problems) {
    return new DownstreamCircuitBreakerFilter(registry, properties.circuitBreaker(), problems);
  }
}
