package io.budai.gateway.ratelimit;

import io.budai.gateway.problems.Problems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Rate limiting at the edge. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

  @Bean
  RateLimitFilter rateLimitFilter(
      ReactiveStringRedisTemplate redis, RateLimitProperties properties, Problems problems) {
    return new RateLimitFilter(new RedisRateLimiter(redis), properties, problems);
  }
}
