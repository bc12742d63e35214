package io.budai.slack.config;

import io.budai.slack.api.SlackApi;
import io.budai.slack.blocks.MentionResolver;
import io.budai.slack.blocks.SummaryBlocks;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's shared beans: settings, the Slack Web API client, background work, time. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SlackProperties.class)
class SlackConfiguration {

  @Bean
  SlackApi slackApi(SlackProperties properties, CircuitBreakerRegistry breakers) {
    return new SlackApi(properties, breakers);
  }

  @Bean
  SummaryBlocks summaryBlocks(SlackProperties properties, MentionResolver mentions) {
    return new SummaryBlocks(properties.publicUrl(), mentions);
  }

  @Bean
  BackgroundTasks backgroundTasks() {
    return new BackgroundTasks();
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
