package io.budai.gateway;

import io.netty.channel.ChannelOption;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * The gateway's own calls (key verification, OpenAPI documents) use a {@link WebClient} on Reactor
 * Netty with a connect time limit. Boot's WebClient auto-configuration lives in a module this
 * repository's Maven mirror does not serve, so the builder is defined here.
 */
@Configuration(proxyBeanMethods = false)
class WebClientConfiguration {

  @Bean
  @Scope("prototype")
  @ConditionalOnMissingBean
  WebClient.Builder webClientBuilder() {
    HttpClient http = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000);
    return WebClient.builder().clientConnector(new ReactorClientHttpConnector(http));
  }
}
