package io.budai.deploy.target;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import io.budai.deploy.spec.SecretRef;
import io.budai.deploy.spec.ServiceSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Docker Compose: the root {@code docker-compose.yml} (Redis, PostgreSQL, the ten services, and
 * Prometheus + Grafana under the {@code observability} profile) plus an override rendered from the
 * spec: replicas, the spec's variables, and each secret as a {@code ${NAME}} reference that compose
 * fills in from the environment {@code budai} runs it with — no secret value is written to disk.
 */
public final class ComposeTarget implements DeployTarget {

  static final String OVERRIDE = "docker-compose.override.yml";

  /** Secrets the root compose file already hands to the services it needs them in. */
  private static final Set<String> IN_BASE =
      Set.of(ServiceCatalog.ADMIN_TOKEN, ServiceCatalog.INTERNAL_TOKEN, "POSTGRES_PASSWORD");

  private static final Duration QUICK = Duration.ofSeconds(20);

  private final TargetRun run;

  public ComposeTarget(TargetRun run) {
    this.run = run;
  }

  String project() {
    return run.spec().option("project", "budai");
  }

  int gatewayPort() {
    return run.spec().intOption("gateway_port", 8000);
  }

  boolean observability() {
    return run.spec().boolOption("observability", false);
  }

  Path override() {
    return run.renderDir().resolve(OVERRIDE);
  }

  /** The {@code docker compose …} prefix every command shares. */
  List<String> compose() {
    List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", project()));
    command.addAll(
        List.of(
            "-f",
            run.root().resolve("docker-compose.yml").toString(),
            "-f",
            override().toString()));
    if (observability()) {
      command.addAll(List.of("--profile", "observability"));
    }
    return command;
  }

  List<String> upCommand() {
    List<String> command = new ArrayList<>(compose());
    command.addAll(
        List.of(
            "up",
            "-d",
            "--build",
            "--wait",
            "--wait-timeout",
            String.valueOf(run.spec().intOption("timeout", 600))));
    return command;
  }

  @Override
  public List<String> infrastructure() {
    return List.of(
        "Redis       the compose service 'redis' (redis:7.4, AOF on, volume redis-data)",
        "PostgreSQL  the compose service 'postgres' (postgres:16, volume postgres-data)");
  }

  @Override
  public List<String> steps() {
    List<String> steps = new ArrayList<>();
    steps.add("render " + run.display(override()) + " (replicas, variables, secret references)");
    steps.add(
        String.join(" ", upCommand()).replace(run.root() + "/", "")
            + "   (compose starts each service once its depends_on are healthy)");
    if (observability()) {
      steps.add("Prometheus on :9090 and Grafana on :3000 (dashboards in deploy/observability)");
    }
    return steps;
  }

  /** The override document. */
  String render() {
    Map<String, Object> services = new LinkedHashMap<>();
    for (ServiceSpec service : run.spec().services().values()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      Map<String, Object> environment =
          new LinkedHashMap<>(run.spec().variablesOf(service.service()));
      for (SecretRef secret : run.spec().secrets().values()) {
        if (IN_BASE.contains(secret.name())) {
          continue;
        }
        if (secret.name().equals(ServiceCatalog.DATABASE_URL)
            && !service.service().usesPostgres()) {
          continue;
        }
        // A reference, filled in by compose from the environment budai runs it with.
        environment.put(secret.name(), "${" + secret.name() + ":-}");
      }
      if (!environment.isEmpty()) {
        entry.put("environment", environment);
      }
      if (service.replicas() != 1) {
        entry.put("deploy", Map.of("replicas", service.replicas()));
      }
      if (!entry.isEmpty()) {
        services.put(service.service().module(), entry);
      }
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("services", services);
    return "# Rendered by ./budai deploy --spec "
        + run.display(run.spec().file())
        + " over the root docker-compose.yml.\n"
        + "# Re-rendered on every deploy: change the spec, not this file. No secret values here.\n"
        + Yaml.dump(document);
  }

  @Override
  public Checks check() {
    Checks checks = new Checks();
    ServiceSpec gateway = run.spec().service(ServiceCatalog.GATEWAY);
    if (gateway.replicas() > 1) {
      checks.problem(
          "gateway-service: %d replicas cannot all publish port %d with compose; run one (or put a"
                  .formatted(gateway.replicas(), gatewayPort())
              + " load balancer in front, or use the kubernetes target)");
    }
    List<Integer> published = new ArrayList<>(List.of(gatewayPort()));
    if (observability()) {
      published.addAll(List.of(9090, 3000));
    }
    for (int port : published) {
      if (!free(port)) {
        checks.problem(
            "port %d is taken on this machine; compose publishes it (%s)"
                .formatted(
                    port,
                    port == gatewayPort()
                        ? "the gateway: set compose.gateway_port in the spec"
                        : port == 9090 ? "Prometheus" : "Grafana"));
      }
    }
    Tools tools = run.tools();
    if (tools.find("docker").isEmpty()) {
      checks.note(
          "no docker command here: deploy renders the override and tells how to run it elsewhere");
      return checks;
    }
    Tools.Result compose = tools.capture(List.of("docker", "compose", "version"), QUICK);
    if (!compose.ok()) {
      checks.note(
          "docker has no compose plugin here (docker compose version: "
              + compose.firstLine()
              + ")");
    }
    Tools.Result engine =
        tools.capture(List.of("docker", "info", "--format", "{{.ServerVersion}}"), QUICK);
    if (!engine.ok()) {
      checks.note(
          "no Docker engine reachable (docker info: "
              + engine.firstLine()
              + "): deploy renders the override only");
    } else {
      checks.note("Docker engine " + engine.firstLine().strip());
    }
    return checks;
  }

  @Override
  public int deploy() {
    RenderedFiles.write(override(), render());
    run.out().println("Rendered " + run.display(override()));
    Tools tools = run.tools();
    String command = String.join(" ", upCommand());
    if (tools.find("docker").isEmpty()) {
      return notApplied("there is no docker command on this machine", command);
    }
    Tools.Result engine =
        tools.capture(List.of("docker", "info", "--format", "{{.ServerVersion}}"), QUICK);
    if (!engine.ok()) {
      return notApplied("no Docker engine answers here (" + engine.firstLine() + ")", command);
    }
    Tools.Result plugin = tools.capture(List.of("docker", "compose", "version"), QUICK);
    if (!plugin.ok()) {
      return notApplied("docker has no compose plugin here (" + plugin.firstLine() + ")", command);
    }
    run.out().println("$ " + command);
    Tools.Result up =
        tools.stream(
            upCommand(),
            Duration.ofSeconds(run.spec().intOption("timeout", 600) + 600L),
            run.out());
    if (!up.ok()) {
      run.err().println("docker compose up failed (exit code " + up.exitCode() + ")");
      return 1;
    }
    run.out().println("Every service is up and healthy (compose --wait).");
    return 0;
  }

  private int notApplied(String why, String command) {
    run.err()
        .println(
            "Not deployed: "
                + why
                + ".\nThe override is ready; on a machine with Docker (with the same secrets in its"
                + " environment or .env), run:\n  "
                + command.replace(run.root() + "/", ""));
    return NOT_APPLIED;
  }

  @Override
  public Optional<String> gatewayUrl() {
    return Optional.of(run.spec().option("gateway_url", "http://127.0.0.1:" + gatewayPort()));
  }

  @Override
  public Optional<Map<String, String>> serviceHealth() {
    Tools tools = run.tools();
    if (tools.find("docker").isEmpty()) {
      return Optional.empty();
    }
    List<String> command = new ArrayList<>(compose());
    command.addAll(List.of("ps", "--all", "--format", "{{.Service}} {{.State}} {{.Health}}"));
    Tools.Result ps = tools.capture(command, QUICK);
    if (!ps.ok()) {
      return Optional.empty();
    }
    Map<String, String> health = new LinkedHashMap<>();
    for (FleetService service : ServiceCatalog.SERVICES) {
      health.put(service.module(), "not running");
    }
    for (String line : ps.output().lines().toList()) {
      String[] parts = line.strip().split("\\s+");
      if (parts.length >= 2 && health.containsKey(parts[0])) {
        String state = parts[1];
        String status = parts.length >= 3 ? parts[2] : "";
        health.put(
            parts[0],
            "running".equals(state) && "healthy".equals(status)
                ? "UP"
                : (state + (status.isEmpty() ? "" : ", " + status)));
      }
    }
    return Optional.of(health);
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
