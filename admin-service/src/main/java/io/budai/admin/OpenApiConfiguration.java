package io.budai.admin;

import io.budai.platform.web.CallerIdentity;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: {@link CallerIdentity} is filled from the gateway's headers, not a request
 * parameter, so it stays out of the document; the admin key is declared as a security scheme.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerIdentity.class);
  }

  @Bean
  OpenAPI adminOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("BudAI admin-service")
                .version("v1")
                .description(
                    "Users, API keys, plans, usage and webhooks. /admin/** takes X-Admin-API-Key;"
                        + " /user/** and /usage/** are reached through the gateway with X-API-Key."))
        .components(
            new Components()
                .addSecuritySchemes(
                    "AdminApiKeyAuth",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-Admin-API-Key")));
  }
}
