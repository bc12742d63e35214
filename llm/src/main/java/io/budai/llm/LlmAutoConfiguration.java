package io.budai.llm;

import io.budai.platform.bus.EventBusAutoConfiguration;
import io.budai.platform.bus.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Gives a service that depends on {@code llm} an {@link Llm} built from {@link LlmProperties}. */
@AutoConfiguration(after = EventBusAutoConfiguration.class)
@EnableConfigurationProperties(LlmProperties.class)
public class LlmAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Llm budaiLlm(
      LlmProperties properties,
      ObjectProvider<StringRedisTemplate> redis,
      ObjectProvider<MeterRegistry> meters,
      ObjectProvider<UsageListener> listeners) {
    List<LlmEngine> providers =
        properties.providers().stream()
            .map(
                p ->
                    (LlmEngine)
                        new OpenAiEngine(
                            p.name(),
                            p.effectiveBaseUrl(),
                            p.apiKey() == null ? "" : p.apiKey(),
                            p.model(),
                            p.timeout(),
                            p.maxRetries(),
                            p.effectiveContextWindow(),
                            p.temperature()))
            .toList();
    StringRedisTemplate template = redis.getIfAvailable();
    ResponseCache cache =
        properties.cache().enabled() && template != null
            ? new ResponseCache(template, properties.cache().ttl())
            : null;
    return new Llm(
        providers,
        new OfflineEngine(),
        cache,
        meters.getIfAvailable(SimpleMeterRegistry::new),
        listeners.orderedStream().toList());
  }

  /** {@code usage.recorded} for every LLM call, when the service has the event bus. */
  @Bean
  @ConditionalOnBean(EventPublisher.class)
  UsageListener budaiUsageRecordedPublisher(EventPublisher publisher) {
    return new UsageRecordedPublisher(publisher);
  }

  /** The default engine of requests that name none ({@code budai.llm.engine}). */
  @Bean
  @ConditionalOnMissingBean
  DefaultEngine budaiDefaultEngine(LlmProperties properties) {
    return new DefaultEngine(EngineChoice.parse(properties.engine(), EngineChoice.AUTO));
  }
}
