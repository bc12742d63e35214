package io.budai.benchmarks.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** Starts a BudAI "service" (Spring Boot with the platform auto-configuration) for a benchmark. */
final class BenchApps {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  private BenchApps() {}

  static ConfigurableApplicationContext start(
      String redisUrl, String name, Consumer<GenericApplicationContext> beans, String... extra) {
    List<String> args = new ArrayList<>();
    args.add("--spring.application.name=" + name);
    args.add("--spring.data.redis.url=" + redisUrl);
    args.add("--budai.internal-token=bench");
    args.add("--spring.main.banner-mode=off");
    args.add("--logging.level.root=WARN");
    args.add("--management.endpoints.enabled-by-default=false");
    for (String property : extra) {
      args.add("--" + property);
    }
    return new SpringApplicationBuilder(App.class)
        .web(WebApplicationType.NONE)
        .initializers(ctx -> beans.accept((GenericApplicationContext) ctx))
        .run(args.toArray(String[]::new));
  }
}
