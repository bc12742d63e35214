package io.budai.gateway.auth;

import io.budai.gateway.problems.Problems;
import io.budai.gateway.routes.RouteTableProperties;
import io.budai.platform.BudaiPlatformAutoConfiguration.InternalToken;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

/** The edge authentication filter and its key resolver. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class AuthConfiguration {

  static final String ADMIN_SERVICE = "admin-service";

  @Bean
  ApiKeyResolver apiKeyResolver(
      ReactiveStringRedisTemplate redis,
      WebClient.Builder web,
      JsonMapper json,
      AuthProperties properties,
      RouteTableProperties routes,
      InternalToken token) {
    String adminUrl = routes.services().get(ADMIN_SERVICE);
    if (adminUrl == null || adminUrl.isBlank()) {
      throw new IllegalStateException(
          "budai.gateway.services.admin-service (BUDAI_ADMIN_SERVICE_URL) is required to verify"
              + " API keys");
    }
    return new ApiKeyResolver(
        redis, web.clone().baseUrl(adminUrl).build(), json, properties, token.value());
  }

  @Bean
  EdgeAuthFilter edgeAuthFilter(
      ApiKeyResolver resolver, Problems problems, InternalToken token, AuthProperties properties) {
    return new EdgeAuthFilter(resolver, problems, token.value(), properties.adminToken());
  }
}
