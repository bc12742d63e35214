package io.budai.deploy.target;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import io.budai.deploy.spec.ServiceSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes: the manifests in {@code deploy/kubernetes/} (a kustomize base) plus an overlay
 * rendered from the spec into {@code $BUDAI_HOME/deploy/<name>/kubernetes/}: namespace, images,
 * replicas (Deployment and HPA floor), the spec's variables merged into {@code budai-config}, each
 * service's own variables, the external Redis/PostgreSQL hosts, the Ingress host, and the secrets
 * as generated Secrets ({@code budai-secrets}; {@code budai-database} holds DATABASE_URL for the
 * two schema owners only).
 */
public final class KubernetesTarget implements DeployTarget {

  static final String DIR = "kubernetes";
  static final String BASE = "deploy/kubernetes";
  static final String SECRETS_ENV = "secrets.env";
  static final String DATABASE_ENV = "database.env";

  private static final Duration QUICK = Duration.ofSeconds(20);

  private final TargetRun run;

  public KubernetesTarget(TargetRun run) {
    this.run = run;
  }

  Path overlay() {
    return run.renderDir().resolve(DIR);
  }

  String namespace() {
    return run.spec().option("namespace", "budai");
  }

  private List<String> kubectl() {
    List<String> command = new ArrayList<>(List.of("kubectl"));
    run.spec()
        .option("context")
        .ifPresent(context -> command.addAll(List.of("--context", context)));
    return command;
  }

  @Override
  public List<String> infrastructure() {
    return List.of(
        "Redis       external: the Service budai-redis (ExternalName) → "
            + run.spec().option("redis_host", "redis.example.internal")
            + " (a managed Redis: ElastiCache, Memorystore, Azure Cache, Upstash…)",
        "PostgreSQL  external: the Service budai-postgres (ExternalName) → "
            + run.spec().option("postgres_host", "postgres.example.internal")
            + "; DATABASE_URL from the secret budai-database (RDS, Cloud SQL, Azure Database…)");
  }

  @Override
  public List<String> steps() {
    List<String> steps = new ArrayList<>();
    steps.add("render the overlay " + run.display(overlay()) + " over " + BASE + "/");
    steps.add(String.join(" ", kubectl()) + " apply -k " + run.display(overlay()));
    steps.add(
        String.join(" ", kubectl())
            + " -n "
            + namespace()
            + " rollout status deployment/<service>, tier by tier in the order above");
    return steps;
  }

  /** Renders the overlay; returns its kustomization file. */
  Path render() {
    Path dir = overlay();
    Map<String, Object> kustomization = new LinkedHashMap<>();
    kustomization.put("apiVersion", "kustomize.config.k8s.io/v1beta1");
    kustomization.put("kind", "Kustomization");
    kustomization.put("namespace", namespace());
    kustomization.put("resources", List.of(dir.relativize(run.root().resolve(BASE)).toString()));

    String prefix = run.spec().option("image_prefix", "budai");
    String tag = run.spec().option("image_tag", "latest");
    List<Object> images = new ArrayList<>();
    List<Object> replicas = new ArrayList<>();
    List<Object> patches = new ArrayList<>();
    for (ServiceSpec service : run.spec().services().values()) {
      String module = service.service().module();
      images.add(
          ordered("name", "budai/" + module, "newName", prefix + "/" + module, "newTag", tag));
      replicas.add(ordered("name", module, "count", service.replicas()));
      int maxReplicas = Math.max(service.replicas(), baseMaxReplicas(module));
      patches.add(
          patch(
              "HorizontalPodAutoscaler",
              module,
              List.of(
                  op("replace", "/spec/minReplicas", service.replicas()),
                  op("replace", "/spec/maxReplicas", maxReplicas))));
      if (!service.variables().isEmpty()) {
        List<Object> ops = new ArrayList<>();
        service
            .variables()
            .forEach(
                (key, value) ->
                    ops.add(
                        op(
                            "add",
                            "/spec/template/spec/containers/0/env/-",
                            ordered("name", key, "value", value))));
        patches.add(patch("Deployment", module, ops));
      }
    }
    kustomization.put("images", images);
    kustomization.put("replicas", replicas);

    List<Object> generators = new ArrayList<>();
    if (!run.spec().variables().isEmpty()) {
      List<String> literals = new ArrayList<>();
      run.spec().variables().forEach((key, value) -> literals.add(key + "=" + value));
      generators.add(ordered("name", "budai-config", "behavior", "merge", "literals", literals));
    }
    kustomization.put("configMapGenerator", generators);

    StringBuilder secrets = new StringBuilder();
    StringBuilder database = new StringBuilder();
    run.secrets()
        .forEach(
            (key, value) ->
                (key.equals(ServiceCatalog.DATABASE_URL) ? database : secrets)
                    .append(key)
                    .append('=')
                    .append(value.replace("\n", ""))
                    .append('\n'));
    RenderedFiles.writePrivate(dir.resolve(SECRETS_ENV), secrets.toString());
    RenderedFiles.writePrivate(dir.resolve(DATABASE_ENV), database.toString());
    Map<String, Object> noSuffix = Map.of("disableNameSuffixHash", true);
    kustomization.put(
        "secretGenerator",
        List.of(
            ordered("name", "budai-secrets", "envs", List.of(SECRETS_ENV), "options", noSuffix),
            ordered("name", "budai-database", "envs", List.of(DATABASE_ENV), "options", noSuffix)));

    run.spec()
        .option("redis_host")
        .ifPresent(
            host ->
                patches.add(
                    patch(
                        "Service",
                        "budai-redis",
                        List.of(op("replace", "/spec/externalName", host)))));
    run.spec()
        .option("postgres_host")
        .ifPresent(
            host ->
                patches.add(
                    patch(
                        "Service",
                        "budai-postgres",
                        List.of(op("replace", "/spec/externalName", host)))));
    run.spec()
        .option("ingress_host")
        .ifPresent(
            host ->
                patches.add(
                    patch("Ingress", "budai", List.of(op("replace", "/spec/rules/0/host", host)))));
    kustomization.put("patches", patches);

    Path file = dir.resolve("kustomization.yaml");
    RenderedFiles.write(
        file,
        "# Rendered by ./budai deploy --spec "
            + run.display(run.spec().file())
            + " over "
            + BASE
            + "/; re-rendered on every deploy.\n"
            + "# The secrets are in secrets.env and database.env beside it (mode 600).\n"
            + Yaml.dump(kustomization));
    return file;
  }

  /** The HPA ceiling the base manifest gives {@code module}. */
  int baseMaxReplicas(String module) {
    Path manifest = run.root().resolve(BASE).resolve(module + ".yaml");
    try {
      for (Object document : Yaml.loadAll(Files.readString(manifest, StandardCharsets.UTF_8))) {
        if (document instanceof Map<?, ?> map
            && "HorizontalPodAutoscaler".equals(map.get("kind"))
            && map.get("spec") instanceof Map<?, ?> spec
            && spec.get("maxReplicas") instanceof Integer max) {
          return max;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + manifest, e);
    }
    return 1;
  }

  @Override
  public Checks check() {
    Checks checks = new Checks();
    if (run.spec().option("redis_host").isEmpty()) {
      checks.problem(
          "kubernetes.redis_host is not set: budai-redis would point at redis.example.internal");
    }
    if (run.spec().option("postgres_host").isEmpty()) {
      checks.problem(
          "kubernetes.postgres_host is not set: budai-postgres would point at"
              + " postgres.example.internal");
    }
    Tools tools = run.tools();
    if (tools.find("kubectl").isEmpty()) {
      checks.note("no kubectl here: deploy renders the overlay and tells how to apply it");
      return checks;
    }
    List<String> clusterInfo = new ArrayList<>(kubectl());
    clusterInfo.addAll(List.of("cluster-info", "--request-timeout=5s"));
    Tools.Result cluster = tools.capture(clusterInfo, QUICK);
    checks.note(
        cluster.ok()
            ? "cluster: " + cluster.firstLine()
            : "no cluster reachable (kubectl cluster-info: "
                + cluster.firstLine()
                + "): deploy renders the overlay only");
    return checks;
  }

  @Override
  public int deploy() {
    Path file = render();
    run.out().println("Rendered " + run.display(file));
    Tools tools = run.tools();
    String apply = String.join(" ", kubectl()) + " apply -k " + run.display(overlay());
    if (tools.find("kubectl").isEmpty()) {
      return notApplied("there is no kubectl on this machine", apply);
    }
    List<String> clusterInfo = new ArrayList<>(kubectl());
    clusterInfo.addAll(List.of("cluster-info", "--request-timeout=5s"));
    Tools.Result cluster = tools.capture(clusterInfo, QUICK);
    if (!cluster.ok()) {
      return notApplied("no cluster answers kubectl here (" + cluster.firstLine() + ")", apply);
    }
    run.out().println("$ " + apply);
    List<String> applyCommand = new ArrayList<>(kubectl());
    applyCommand.addAll(List.of("apply", "-k", overlay().toString()));
    if (!tools.stream(applyCommand, Duration.ofMinutes(5), run.out()).ok()) {
      run.err().println("kubectl apply failed");
      return 1;
    }
    int timeout = run.spec().intOption("timeout", 600);
    for (List<FleetService> tier : ServiceCatalog.tiers()) {
      for (FleetService service : tier) {
        List<String> rollout = new ArrayList<>(kubectl());
        rollout.addAll(
            List.of(
                "-n",
                namespace(),
                "rollout",
                "status",
                "deployment/" + service.module(),
                "--timeout=" + timeout + "s"));
        run.out().println("$ " + String.join(" ", rollout));
        if (!tools.stream(rollout, Duration.ofSeconds(timeout + 30L), run.out()).ok()) {
          run.err().println(service.module() + " did not become ready");
          return 1;
        }
      }
    }
    run.out().println("Every deployment is rolled out and ready.");
    return 0;
  }

  private int notApplied(String why, String command) {
    run.err()
        .println(
            "Not deployed: "
                + why
                + ".\nThe overlay is ready; where kubectl reaches your cluster, run:\n  "
                + command);
    return NOT_APPLIED;
  }

  @Override
  public Optional<String> gatewayUrl() {
    return run.spec()
        .option("gateway_url")
        .or(() -> run.spec().option("ingress_host").map(host -> "https://" + host));
  }

  @Override
  public Optional<Map<String, String>> serviceHealth() {
    Tools tools = run.tools();
    if (tools.find("kubectl").isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> health = new LinkedHashMap<>();
    for (FleetService service : ServiceCatalog.SERVICES) {
      List<String> command = new ArrayList<>(kubectl());
      command.addAll(
          List.of(
              "-n",
              namespace(),
              "get",
              "deployment",
              service.module(),
              "-o",
              "jsonpath={.status.readyReplicas}/{.spec.replicas}",
              "--request-timeout=5s"));
      Tools.Result result = tools.capture(command, QUICK);
      if (!result.ok()) {
        return Optional.empty();
      }
      String[] counts = result.output().strip().split("/");
      boolean ready = counts.length == 2 && !counts[0].isEmpty() && counts[0].equals(counts[1]);
      health.put(service.module(), ready ? "UP" : "ready " + result.output().strip());
    }
    return Optional.of(health);
  }

  private static Map<String, Object> patch(String kind, String name, List<Object> operations) {
    return ordered("target", ordered("kind", kind, "name", name), "patch", Yaml.dump(operations));
  }

  private static Map<String, Object> op(String op, String path, Object value) {
    return ordered("op", op, "path", path, "value", value);
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
