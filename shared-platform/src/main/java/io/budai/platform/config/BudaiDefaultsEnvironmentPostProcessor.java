package io.budai.platform.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Gives every service the same defaults, at the lowest precedence so a service's {@code
 * application.yml} and the environment override them: the Redis and PostgreSQL connections from
 * {@code REDIS_URL} / {@code DATABASE_URL}, actuator probes and Prometheus, graceful shutdown,
 * virtual threads, ProblemDetail errors, and JSON logs when {@code BUDAI_LOG_FORMAT=json}.
 */
public class BudaiDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE_NAME = "budaiDefaults";

  static final String DATABASE_SOURCE_NAME = "budaiDatabaseUrl";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("spring.data.redis.url", "${REDIS_URL:redis://localhost:6379}");
    defaults.put("spring.data.redis.timeout", "5s");
    defaults.put("spring.data.redis.connect-timeout", "3s");
    String databaseUrl = environment.getProperty("DATABASE_URL");
    if (databaseUrl != null && !databaseUrl.isBlank()) {
      // DATABASE_URL is the environment's word: it must beat the local default a schema owner's
      // application.yml carries (jdbc:postgresql://localhost:5432/budai), so it ranks with the
      // environment variables rather than with these defaults.
      MapPropertySource database =
          new MapPropertySource(DATABASE_SOURCE_NAME, datasourceFromUrl(databaseUrl));
      if (environment
          .getPropertySources()
          .contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
        environment
            .getPropertySources()
            .addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, database);
      } else {
        environment.getPropertySources().addFirst(database);
      }
    }
    defaults.put("spring.threads.virtual.enabled", "true");
    defaults.put("server.shutdown", "graceful");
    defaults.put("spring.lifecycle.timeout-per-shutdown-phase", "20s");
    defaults.put("spring.mvc.problemdetails.enabled", "true");
    defaults.put("spring.webflux.problemdetails.enabled", "true");
    defaults.put("spring.jackson.property-naming-strategy", "SNAKE_CASE");
    defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics");
    defaults.put("management.endpoint.health.probes.enabled", "true");
    defaults.put("management.endpoint.health.show-components", "always");
    defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
    // Schema owners add "db" in their application.yml; others may see DATABASE_URL in a shared
    // environment but have no DataSource, and a group naming a missing contributor fails start-up.
    // The event bus's indicator exists unless the bus is switched off.
    boolean bus = !"false".equalsIgnoreCase(environment.getProperty("budai.bus.enabled", "true"));
    defaults.put(
        "management.endpoint.health.group.readiness.include",
        bus ? "readinessState,redis,eventBus" : "readinessState,redis");
    defaults.put("management.info.env.enabled", "true");
    // Latency buckets for the dashboards' p50/p95/p99 (deploy/observability): HTTP and LLM calls.
    defaults.put(
        "management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
    defaults.put("management.metrics.distribution.percentiles-histogram.budai.llm.latency", "true");
    defaults.put("springdoc.api-docs.path", "/v3/api-docs");
    defaults.put("logging.pattern.correlation", "[%X{correlation_id:-}] ");
    if ("json".equalsIgnoreCase(environment.getProperty("BUDAI_LOG_FORMAT", ""))) {
      defaults.put("logging.structured.format.console", "ecs");
    }
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, defaults));
  }

  /**
   * Turns {@code postgresql://user:pass@host:port/db?params} (the form Heroku, Railway and most
   * hosts hand out) into Spring's JDBC properties; a {@code jdbc:} URL is taken as it is.
   */
  static Map<String, Object> datasourceFromUrl(String databaseUrl) {
    Map<String, Object> props = new HashMap<>();
    if (databaseUrl.startsWith("jdbc:")) {
      props.put("spring.datasource.url", databaseUrl);
      return props;
    }
    URI uri = URI.create(databaseUrl.replaceFirst("^postgres(ql)?://", "postgresql://"));
    int port = uri.getPort() > 0 ? uri.getPort() : 5432;
    StringBuilder jdbc =
        new StringBuilder("jdbc:postgresql://")
            .append(uri.getHost())
            .append(':')
            .append(port)
            .append(uri.getRawPath());
    if (uri.getRawQuery() != null) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    props.put("spring.datasource.url", jdbc.toString());
    String userInfo = uri.getRawUserInfo();
    if (userInfo != null) {
      String[] parts = userInfo.split(":", 2);
      props.put("spring.datasource.username", decode(parts[0]));
      if (parts.length > 1) {
        props.put("spring.datasource.password", decode(parts[1]));
      }
    }
    return props;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
