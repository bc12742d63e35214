package io.budai.admin.access;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Registers {@link AdminAccessFilter} right after the platform's internal-auth filter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminAccessProperties.class)
class AdminAccessConfiguration {

  @Bean
  FilterRegistrationBean<AdminAccessFilter> adminAccessFilter(
      AdminAccessProperties properties, JsonMapper json) {
    FilterRegistrationBean<AdminAccessFilter> registration =
        new FilterRegistrationBean<>(new AdminAccessFilter(properties.adminToken(), json));
    // After InternalAuthFilter (HIGHEST_PRECEDENCE + 20), which marks trusted internal callers.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }
}
