package io.budai.test;

import java.net.URI;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A Lettuce connection to the tests' private Redis ({@link TestInfrastructure#redisUrl()}), for
 * tests that use Spring Data Redis without a Spring context. Close it with {@code destroy()}.
 */
public final class TestRedis {

  private TestRedis() {}

  /** A started connection factory for the private test Redis. */
  public static LettuceConnectionFactory connectionFactory() {
    URI uri = URI.create(TestInfrastructure.redisUrl());
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
    factory.afterPropertiesSet();
    factory.start();
    return factory;
  }
}
