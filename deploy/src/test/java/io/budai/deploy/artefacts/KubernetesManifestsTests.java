package io.budai.deploy.artefacts;

import static io.budai.deploy.artefacts.Repo.list;
import static io.budai.deploy.artefacts.Repo.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import io.budai.deploy.target.Tools;
import io.budai.deploy.target.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every manifest in {@code deploy/kubernetes/} parses and holds together. */
class KubernetesManifestsTests {

  private static final Path DIR = Repo.ROOT.resolve("deploy/kubernetes");

  private static List<Map<String, Object>> resources() throws IOException {
    List<String> files =
        list(Repo.yaml("deploy/kubernetes/kustomization.yaml").get("resources")).stream()
            .map(String::valueOf)
            .toList();
    List<Map<String, Object>> documents = new ArrayList<>();
    for (String file : files) {
      for (Object document : Repo.yamlDocuments("deploy/kubernetes/" + file)) {
        documents.add(map(document));
      }
    }
    return documents;
  }

  private static Map<String, Object> find(
      List<Map<String, Object>> resources, String kind, String name) {
    return resources.stream()
        .filter(r -> kind.equals(r.get("kind")) && name.equals(map(r.get("metadata")).get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  @Test
  void everyManifestParsesAndTheKustomizationListsThemAll() throws IOException {
    Set<String> listed =
        list(Repo.yaml("deploy/kubernetes/kustomization.yaml").get("resources")).stream()
            .map(String::valueOf)
            .collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
        List<Object> documents = Yaml.loadAll(Files.readString(file));
        assertThat(documents).as(file.getFileName().toString()).isNotEmpty();
        for (Object document : documents) {
          assertThat(map(document))
              .as(file.getFileName().toString())
              .containsKeys("apiVersion", "kind");
        }
        String name = file.getFileName().toString();
        if (!name.equals("kustomization.yaml") && !name.equals("secret.example.yaml")) {
          assertThat(listed).as(name + " in kustomization.yaml").contains(name);
        }
      }
    }
    Set<String> kinds =
        resources().stream().map(r -> String.valueOf(r.get("kind"))).collect(Collectors.toSet());
    assertThat(kinds)
        .containsExactlyInAnyOrder(
            "Namespace",
            "ConfigMap",
            "Service",
            "Deployment",
            "HorizontalPodAutoscaler",
            "Ingress");
  }

  @Test
  void everyServiceHasADeploymentWithProbesOnItsPortAServiceAndAnAutoscaler() throws IOException {
    List<Map<String, Object>> resources = resources();
    for (FleetService fleet : ServiceCatalog.SERVICES) {
      String name = fleet.module();
      Map<String, Object> deployment = find(resources, "Deployment", name);
      Map<String, Object> spec = map(deployment.get("spec"));
      Map<String, Object> selector = map(map(spec.get("selector")).get("matchLabels"));
      Map<String, Object> template = map(spec.get("template"));
      assertThat(map(map(template.get("metadata")).get("labels"))).containsAllEntriesOf(selector);
      Map<String, Object> pod = map(template.get("spec"));
      assertThat(map(pod.get("securityContext")))
          .containsEntry("runAsNonRoot", true)
          .containsEntry("runAsUser", 10001);
      Map<String, Object> container = map(list(pod.get("containers")).getFirst());
      assertThat(container.get("image")).isEqualTo("budai/" + name + ":latest");
      assertThat(map(list(container.get("ports")).getFirst()).get("containerPort"))
          .isEqualTo(fleet.defaultPort());
      for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
        Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
        assertThat(get.get("port")).as(name + " " + probe).isEqualTo(fleet.defaultPort());
        assertThat(String.valueOf(get.get("path")))
            .as(name + " " + probe)
            .isEqualTo(
                probe.equals("readinessProbe")
                    ? "/actuator/health/readiness"
                    : "/actuator/health/liveness");
      }
      Map<String, Object> limits = map(map(container.get("resources")).get("limits"));
      assertThat(String.valueOf(limits.get("memory"))).matches("\\d+Mi");
      List<String> envFrom = list(container.get("envFrom")).stream().map(String::valueOf).toList();
      assertThat(envFrom.toString()).contains("budai-config").contains("budai-secrets");
      String env = String.valueOf(container.get("env"));
      assertThat(env.contains("budai-database"))
          .as(name + " reads DATABASE_URL")
          .isEqualTo(fleet.usesPostgres());
      assertThat(
              map(
                  map(pod.get("containers") instanceof List<?> l ? l.getFirst() : null)
                      .get("securityContext")))
          .containsEntry("allowPrivilegeEscalation", false);

      Map<String, Object> service = find(resources, "Service", name);
      assertThat(map(map(service.get("spec")).get("selector"))).isEqualTo(selector);
      assertThat(map(list(map(service.get("spec")).get("ports")).getFirst()).get("targetPort"))
          .isEqualTo(fleet.defaultPort());

      Map<String, Object> hpa = map(find(resources, "HorizontalPodAutoscaler", name).get("spec"));
      Map<String, Object> target = map(hpa.get("scaleTargetRef"));
      assertThat(target)
          .containsEntry("kind", "Deployment")
          .containsEntry("name", name)
          .containsEntry("apiVersion", "apps/v1");
      assertThat((Integer) hpa.get("minReplicas"))
          .isPositive()
          .isLessThanOrEqualTo((Integer) hpa.get("maxReplicas"));
    }
    assertThat(resources.stream().filter(r -> "Deployment".equals(r.get("kind"))))
        .hasSize(ServiceCatalog.SERVICES.size());
  }

  @Test
  void theConfigMapPointsEveryServiceAtItsSiblingsAndRedisIsExternal() throws IOException {
    List<Map<String, Object>> resources = resources();
    Map<String, Object> data = map(find(resources, "ConfigMap", "budai-config").get("data"));
    for (FleetService fleet : ServiceCatalog.SERVICES) {
      String url = String.valueOf(data.get(fleet.urlVariable()));
      assertThat(url).isEqualTo("http://" + fleet.module() + ":" + fleet.defaultPort());
      find(resources, "Service", fleet.module());
    }
    assertThat(String.valueOf(data.get("REDIS_URL"))).startsWith("redis://budai-redis:");
    assertThat(data).doesNotContainKeys("DATABASE_URL", "ADMIN_API_TOKEN", "BUDAI_INTERNAL_TOKEN");
    for (String external : List.of("budai-redis", "budai-postgres")) {
      assertThat(map(find(resources, "Service", external).get("spec")))
          .containsEntry("type", "ExternalName");
    }
    Map<String, Object> ingress = map(find(resources, "Ingress", "budai").get("spec"));
    Map<String, Object> backend =
        map(
            map(map(list(map(map(list(ingress.get("rules")).getFirst()).get("http")).get("paths"))
                        .getFirst())
                    .get("backend"))
                .get("service"));
    assertThat(backend.get("name")).isEqualTo("gateway-service");
    assertThat(map(backend.get("port")).get("number"))
        .isEqualTo(ServiceCatalog.GATEWAY.defaultPort());
  }

  @Test
  void theSecretExampleHoldsNoRealValues() {
    for (Object document : Repo.yamlDocuments("deploy/kubernetes/secret.example.yaml")) {
      map(map(document).get("stringData"))
          .forEach(
              (key, value) -> assertThat(String.valueOf(value)).as(key).matches("|.*change-me.*"));
    }
  }

  @Test
  void kubectlKustomizeBuildsTheBaseWhereKubectlIsInstalled() {
    Tools tools = new Tools(System.getenv(), Repo.ROOT);
    Assumptions.assumeTrue(tools.find("kubectl").isPresent(), "kubectl is not installed");
    Tools.Result built =
        tools.capture(List.of("kubectl", "kustomize", DIR.toString()), Duration.ofSeconds(60));
    assertThat(built.exitCode()).as(built.output()).isZero();
    List<Object> documents = Yaml.loadAll(built.output());
    assertThat(documents).hasSize(35);
    assertThat(documents)
        .allSatisfy(
            d ->
                assertThat(
                        map(map(d).get("metadata")).get("namespace") == null
                            ? "budai"
                            : map(map(d).get("metadata")).get("namespace"))
                    .isEqualTo("budai"));
  }
}
