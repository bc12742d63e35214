package io.budai.platform;

import io.budai.platform.config.BudaiProperties;
import io.budai.platform.http.ServiceClients;
import io.budai.platform.web.CallerIdentityArgumentResolver;
import io.budai.platform.web.CorrelationIdFilter;
import io.budai.platform.web.InternalAuthFilter;
import io.budai.platform.web.ProblemDetailsAdvice;
import io.budai.platform.web.ReactiveCorrelationIdFilter;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every BudAI service gets by depending on {@code shared-platform}: correlation ids, internal
 * service auth, ProblemDetail errors, the {@code service} metrics tag and {@link ServiceClients}.
 */
@AutoConfiguration
@EnableConfigurationProperties(BudaiProperties.class)
public class BudaiPlatformAutoConfiguration {

  private static final Logger log = LoggerFactory.getLogger(BudaiPlatformAutoConfiguration.class);

  /** The internal token, or a random one (and a warning) so internal endpoints stay closed. */
  @Bean
  InternalToken budaiInternalToken(BudaiProperties properties) {
    String token = properties.internalToken();
    if (token == null || token.isBlank()) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      log.warn(
          "BUDAI_INTERNAL_TOKEN is not set: internal endpoints accept no caller. "
              + "Run the fleet with ./budai up, or set the same token on every service.");
      return new InternalToken(HexFormat.of().formatHex(random));
    }
    return new InternalToken(token);
  }

  @Bean
  MeterRegistryCustomizer<MeterRegistry> budaiServiceTag(
      @Value("${spring.application.name:budai}") String service) {
    return registry -> registry.config().commonTags("service", service);
  }

  @Bean
  @ConditionalOnMissingBean
  CircuitBreakerRegistry budaiCircuitBreakerRegistry(MeterRegistry meters) {
    CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    return registry;
  }

  @Bean
  @ConditionalOnMissingBean
  RetryRegistry budaiRetryRegistry(MeterRegistry meters) {
    RetryRegistry registry = RetryRegistry.ofDefaults();
    TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
    return registry;
  }

  @Bean
  @ConditionalOnMissingBean
  ServiceClients budaiServiceClients(
      BudaiProperties properties,
      InternalToken token,
      ObjectProvider<RestClient.Builder> builder,
      CircuitBreakerRegistry circuitBreakers,
      RetryRegistry retries) {
    return new ServiceClients(
        properties.clients(),
        token.value(),
        builder.getIfAvailable(RestClient::builder),
        circuitBreakers,
        retries);
  }

  /** The secret of service-to-service calls ({@code X-Internal-Token}). */
  public record InternalToken(String value) {
    @Override
    public String toString() {
      return "InternalToken[****]";
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class Servlet implements WebMvcConfigurer {

    @Bean
    FilterRegistrationBean<CorrelationIdFilter> budaiCorrelationIdFilter() {
      FilterRegistrationBean<CorrelationIdFilter> registration =
          new FilterRegistrationBean<>(new CorrelationIdFilter());
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
      return registration;
    }

    @Bean
    FilterRegistrationBean<InternalAuthFilter> budaiInternalAuthFilter(
        BudaiProperties properties, InternalToken token) {
      FilterRegistrationBean<InternalAuthFilter> registration =
          new FilterRegistrationBean<>(
              new InternalAuthFilter(
                  token.value(),
                  properties.internalAuth().protectedPaths(),
                  properties.internalAuth().publicPaths()));
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
      return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemDetailsAdvice budaiProblemDetailsAdvice() {
      return new ProblemDetailsAdvice();
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
      resolvers.add(new CallerIdentityArgumentResolver());
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnClass(name = "org.springframework.web.server.WebFilter")
  static class Reactive {

    @Bean
    ReactiveCorrelationIdFilter budaiReactiveCorrelationIdFilter() {
      return new ReactiveCorrelationIdFilter();
    }
  }
}
