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
    RateLimitProperties.Lease lease = properties.lease();
    return new RateLimitFilter(
        new LeasedRateLimiter(
            new RedisRateLimiter(redis),
            lease.ttl(),
            lease.target(),
            lease.maxShare(),
            lease.maxBuckets(),
            System::nanoTime),
        properties,
        problems);
  }
}
