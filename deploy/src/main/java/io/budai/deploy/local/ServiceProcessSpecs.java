package io.budai.deploy.local;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import io.budai.deploy.config.DatabaseUrl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the command line and environment of each service's JVM. */
final class ServiceProcessSpecs {

  /**
   * Flags that keep ten idle JVMs small on a laptop: one GC thread, C1 only (starts faster, less
   * code cache), a heap that starts small and may grow to 256 MB, and exit on out-of-memory (so
   * {@code status} shows it instead of a zombie service). {@code BUDAI_JAVA_OPTS} replaces them.
   */
  static final List<String> DEFAULT_JAVA_OPTS =
      List.of(
          "-XX:+UseSerialGC",
          "-Xss512k",
          "-XX:TieredStopAtLevel=1",
          "-Xms16m",
          "-Xmx256m",
          "-XX:ReservedCodeCacheSize=48m",
          "-XX:+ExitOnOutOfMemoryError");

  /** Variables a service must not inherit when it owns no schema (see {@link #environment}). */
  private static final List<String> DATABASE_VARIABLES =
      List.of(
          "DATABASE_URL",
          "SPRING_DATASOURCE_URL",
          "SPRING_DATASOURCE_USERNAME",
          "SPRING_DATASOURCE_PASSWORD");

  /** The property on each service's command line that marks it as this fleet's. */
  static final String HOME_MARKER = "budai.home";

  private final Path java;
  private final Workspace workspace;
  private final Map<String, String> baseEnvironment;

  /**
   * @param java the {@code java} executable services run on
   * @param workspace the fleet's state directory
   * @param baseEnvironment the merged environment ({@code .env} under the caller's environment)
   */
  ServiceProcessSpecs(Path java, Workspace workspace, Map<String, String> baseEnvironment) {
    this.java = java;
    this.workspace = workspace;
    this.baseEnvironment = Map.copyOf(baseEnvironment);
  }

  ProcessSpec spec(FleetService service, FleetPlan plan, ServiceApps.App app) {
    return spec(service, plan, app, Map.of());
  }

  /** The spec with {@code own} variables for this service only, over the shared environment. */
  ProcessSpec spec(
      FleetService service, FleetPlan plan, ServiceApps.App app, Map<String, String> own) {
    Map<String, String> environment = environment(service, plan);
    own.forEach(
        (key, value) -> {
          if (!DATABASE_VARIABLES.contains(key)) {
            environment.put(key, value);
          }
        });
    return new ProcessSpec(
        service.module(),
        command(service, app),
        environment,
        workspace.root(),
        workspace.logFile(service.module()));
  }

  List<String> command(FleetService service, ServiceApps.App app) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(
        option("BUDAI_JAVA_OPTS").map(ServiceProcessSpecs::split).orElse(DEFAULT_JAVA_OPTS));
    option(service.javaOptsVariable()).map(ServiceProcessSpecs::split).ifPresent(command::addAll);
    app.archive()
        .ifPresent(
            archive -> {
              command.add("-XX:+AutoCreateSharedArchive");
              command.add("-XX:SharedArchiveFile=" + archive);
            });
    command.add("-D" + HOME_MARKER + "=" + workspace.home());
    command.add("-jar");
    command.add(app.jar().toString());
    return command;
  }

  /**
   * The caller's environment, then what the fleet decides: the port, the bind address, Redis, the
   * tokens, every service's URL, and {@code BUDAI_PUBLIC_URL} (the gateway) unless the caller set
   * it. Only services that own a schema get {@code DATABASE_URL}: the platform adds the {@code db}
   * health indicator to readiness whenever {@code DATABASE_URL} is set, and a service without a
   * datasource then refuses to start. Those that do get it also get {@code SPRING_DATASOURCE_*},
   * because their {@code application.yml} names a datasource URL that would otherwise win over
   * {@code DATABASE_URL}.
   */
  Map<String, String> environment(FleetService service, FleetPlan plan) {
    Map<String, String> env = new HashMap<>(baseEnvironment);
    DATABASE_VARIABLES.forEach(env::remove);
    int port = plan.port(service);
    env.put("PORT", String.valueOf(port));
    env.put("SERVER_PORT", String.valueOf(port));
    env.put("SERVER_ADDRESS", plan.bindAddress());
    env.putAll(plan.sharedVariables());
    env.remove("DATABASE_URL");
    // Links in messages point at the gateway unless the user publishes it elsewhere.
    env.putIfAbsent("BUDAI_PUBLIC_URL", plan.url(ServiceCatalog.GATEWAY));
    if (service.usesPostgres()) {
      plan.databaseUrl()
          .ifPresent(
              url -> {
                DatabaseUrl parsed = DatabaseUrl.parse(url);
                env.put("DATABASE_URL", url);
                env.put("SPRING_DATASOURCE_URL", parsed.jdbcUrl());
                parsed.user().ifPresent(user -> env.put("SPRING_DATASOURCE_USERNAME", user));
                parsed
                    .password()
                    .ifPresent(password -> env.put("SPRING_DATASOURCE_PASSWORD", password));
              });
    }
    return env;
  }

  private Optional<String> option(String name) {
    String value = baseEnvironment.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  private static List<String> split(String options) {
    return Arrays.stream(options.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
