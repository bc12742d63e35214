package io.budai.platform.bus;

import io.budai.test.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Starts BudAI "services" in this JVM for bus tests: each is a Spring Boot context with the
 * platform auto-configuration, a group name, handler beans and bus settings of its own, so one test
 * can run several replicas and several groups against the test Redis.
 */
final class BusApps implements AutoCloseable {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

  /**
   * Starts a service named {@code group} with {@code beans} and extra properties, and waits until
   * its consumers read.
   */
  ConfigurableApplicationContext start(
      String group, Consumer<GenericApplicationContext> beans, String... properties) {
    ConfigurableApplicationContext context = startNoWait(group, beans, properties);
    awaitConsuming(context);
    return context;
  }

  /** Starts a service without waiting for its consumers (Redis may be down). */
  ConfigurableApplicationContext startNoWait(
      String group, Consumer<GenericApplicationContext> beans, String... properties) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("spring.application.name", group);
    props.put("spring.data.redis.url", TestInfrastructure.redisUrl());
    props.put("budai.internal-token", TestInfrastructure.INTERNAL_TOKEN);
    props.put("budai.bus.poll-timeout", "200ms");
    props.put("budai.bus.claim-idle-time", "5s");
    props.put("budai.bus.claim-interval", "250ms");
    props.put("budai.bus.shutdown-timeout", "5s");
    // Tests share budai:events; a new group reads only what is published after it exists.
    props.put("budai.bus.new-group-start", "latest");
    props.put("spring.main.banner-mode", "off");
    props.put("logging.level.io.budai.platform.bus", "INFO");
    for (String property : properties) {
      int eq = property.indexOf('=');
      props.put(property.substring(0, eq), property.substring(eq + 1));
    }
    // Command-line arguments outrank the platform's defaults (REDIS_URL → the machine's Redis),
    // which builder properties would not.
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .initializers(ctx -> beans.accept((GenericApplicationContext) ctx))
            .run(args);
    String url = context.getEnvironment().getProperty("spring.data.redis.url");
    if (!props.get("spring.data.redis.url").equals(url)) {
      context.close();
      throw new IllegalStateException("Bus test app would use " + url + ", not the test Redis");
    }
    contexts.add(context);
    return context;
  }

  /** Waits until every consumer loop of the service has its group and reads. */
  static void awaitConsuming(ConfigurableApplicationContext context) {
    EventBus bus = context.getBean(EventBus.class);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(
            () ->
                bus.consumers().stream().allMatch(c -> c.state() == StreamConsumer.State.RUNNING));
  }

  /** The consumer name of a service's bus. */
  static String consumerName(ConfigurableApplicationContext context) {
    return context.getBean(EventBus.class).consumerName();
  }

  @Override
  public void close() {
    contexts.forEach(ConfigurableApplicationContext::close);
  }

  /** A plain Lettuce connection to the test Redis, for looking at streams directly. */
  static RedisCommands<String, String> redis() {
    return Holder.CONNECTION.sync();
  }

  private static final class Holder {
    static final StatefulRedisConnection<String, String> CONNECTION =
        RedisClient.create(TestInfrastructure.redisUrl()).connect();
  }
}
