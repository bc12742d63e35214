package io.budai.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BudaiDefaultsEnvironmentPostProcessorTests {

  @Test
  void turnsAHostedPostgresUrlIntoJdbcProperties() {
    Map<String, Object> props =
        BudaiDefaultsEnvironmentPostProcessor.datasourceFromUrl(
            "postgresql://budai:s%40cret@db.internal:6543/budai?sslmode=require");

    assertThat(props)
        .containsEntry(
            "spring.datasource.url", "jdbc:postgresql://db.internal:6543/budai?sslmode=require")
        .containsEntry("spring.datasource.username", "budai")
        .containsEntry("spring.datasource.password", "s@cret");
  }

  @Test
  void acceptsThePostgresSchemeAndADefaultPort() {
    Map<String, Object> props =
        BudaiDefaultsEnvironmentPostProcessor.datasourceFromUrl("postgres://u@localhost/db");

    assertThat(props)
        .containsEntry("spring.datasource.url", "jdbc:postgresql://localhost:5432/db")
        .containsEntry("spring.datasource.username", "u")
        .doesNotContainKey("spring.datasource.password");
  }

  @Test
  void takesAJdbcUrlAsItIs() {
    assertThat(
            BudaiDefaultsEnvironmentPostProcessor.datasourceFromUrl(
                "jdbc:postgresql://h:1/d?user=x"))
        .containsExactly(Map.entry("spring.datasource.url", "jdbc:postgresql://h:1/d?user=x"));
  }

  @Test
  void databaseUrlWinsOverTheLocalDefaultOfApplicationYml() {
    org.springframework.core.env.StandardEnvironment environment =
        new org.springframework.core.env.StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            org.springframework.core.env.StandardEnvironment
                .SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new org.springframework.core.env.SystemEnvironmentPropertySource(
                org.springframework.core.env.StandardEnvironment
                    .SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("DATABASE_URL", "postgresql://svc:pw@db:5432/budai")));
    environment
        .getPropertySources()
        .addLast(
            new org.springframework.core.env.MapPropertySource(
                "applicationConfig",
                Map.of(
                    "spring.datasource.url", "jdbc:postgresql://localhost:5432/budai",
                    "spring.datasource.username", "budai")));

    new BudaiDefaultsEnvironmentPostProcessor()
        .postProcessEnvironment(environment, new org.springframework.boot.SpringApplication());

    assertThat(environment.getProperty("spring.datasource.url"))
        .isEqualTo("jdbc:postgresql://db:5432/budai");
    assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("svc");
  }
}
