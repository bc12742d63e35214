package io.budai.platform.bus;

import io.budai.contracts.events.EventCodec;
import io.budai.contracts.segments.SegmentCodec;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The event bus on Redis Streams: {@link EventPublisher}, {@link StateChangeWriter}, the consumer
 * loops of the {@link EventHandler} methods, their metrics and the {@code eventBus} health
 * indicator. Off with {@code budai.bus.enabled=false}.
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass({RedisClient.class, LettuceConnectionFactory.class})
@ConditionalOnBooleanProperty(name = "budai.bus.enabled", matchIfMissing = true)
@EnableConfigurationProperties(BusProperties.class)
public class EventBusAutoConfiguration {

  @Bean
  static HandlerRegistry budaiEventHandlerRegistry() {
    return new HandlerRegistry();
  }

  @Bean
  BusMetrics budaiBusMetrics(ObjectProvider<MeterRegistry> meters) {
    return new BusMetrics(meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean(destroyMethod = "close")
  BusRedis budaiBusRedis(ObjectProvider<RedisConnectionFactory> factory) {
    return new BusRedis(
        () -> {
          if (factory.getIfAvailable() instanceof LettuceConnectionFactory lettuce) {
            return lettuce.getRequiredNativeClient();
          }
          throw new EventBusException(
              "The event bus needs Spring Data Redis with Lettuce (spring.data.redis.*)");
        });
  }

  @Bean(destroyMethod = "close")
  XaddPipeline budaiXaddPipeline(BusRedis redis) {
    return new XaddPipeline(redis);
  }

  @Bean
  @ConditionalOnMissingBean
  EventPublisher budaiEventPublisher(
      XaddPipeline pipeline,
      BusMetrics metrics,
      BusProperties properties,
      @Value("${spring.application.name:budai}") String service) {
    return new EventPublisher(
        pipeline, new EventCodec(), new SegmentCodec(), metrics, properties, service);
  }

  @Bean
  @ConditionalOnMissingBean
  StateChangeWriter budaiStateChangeWriter(
      BusRedis redis, EventPublisher publisher, BusMetrics metrics, BusProperties properties) {
    return new StateChangeWriter(redis, publisher, new EventCodec(), metrics, properties);
  }

  @Bean
  DeadLetters budaiDeadLetters(BusRedis redis, BusProperties properties) {
    return new DeadLetters(redis, properties);
  }

  @Bean
  EventBus budaiEventBus(
      BusRedis redis,
      HandlerRegistry registry,
      BusMetrics metrics,
      BusProperties properties,
      DeadLetters deadLetters,
      @Value("${spring.application.name:budai}") String service) {
    return new EventBus(redis, registry, metrics, properties, deadLetters, service);
  }

  /** The operator API of the dead letters, behind the internal token like every path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class DeadLetterApi {

    @Bean
    DeadLetterController budaiDeadLetterController(DeadLetters deadLetters) {
      return new DeadLetterController(deadLetters);
    }
  }

  @Bean
  EventBusHealthIndicator eventBusHealthIndicator(EventBus bus, BusProperties properties) {
    return new EventBusHealthIndicator(bus, properties);
  }
}
