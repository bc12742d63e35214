package io.budai.deploy.artefacts;

import static io.budai.deploy.artefacts.Repo.list;
import static io.budai.deploy.artefacts.Repo.map;
import static org.assertj.core.api.Assertions.assertThat;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The root {@code docker-compose.yml}, checked the way {@code docker compose config} would and
 * against the fleet's rules (no Docker engine is needed).
 */
class ComposeFileTests {

  private static final Map<String, Object> COMPOSE = Repo.yaml("docker-compose.yml");
  private static final Map<String, Object> SERVICES = map(COMPOSE.get("services"));
  private static final Set<String> PUBLISHED = Set.of("gateway-service", "prometheus", "grafana");

  @Test
  void holdsRedisPostgresEveryServiceAndTheObservabilityProfile() {
    assertThat(SERVICES).containsKeys("redis", "postgres", "prometheus", "grafana");
    for (FleetService service : ServiceCatalog.SERVICES) {
      assertThat(SERVICES).as(service.module()).containsKey(service.module());
    }
    assertThat(SERVICES).hasSize(ServiceCatalog.SERVICES.size() + 4);
    assertThat(list(map(SERVICES.get("prometheus")).get("profiles")))
        .containsExactly("observability");
    assertThat(list(map(SERVICES.get("grafana")).get("profiles"))).containsExactly("observability");
  }

  @Test
  void everyServiceHasAnImageOrBuildAHealthcheckAMemoryLimitAndARestartPolicy() {
    SERVICES.forEach(
        (name, value) -> {
          Map<String, Object> service = map(value);
          assertThat(service).as(name).containsKey("image");
          Map<String, Object> healthcheck = map(service.get("healthcheck"));
          assertThat(healthcheck)
              .as(name + " healthcheck")
              .containsKeys("test", "interval", "retries");
          assertThat(String.valueOf(service.get("mem_limit")))
              .as(name + " mem_limit")
              .matches("\\d+[mg]");
        });
    for (FleetService fleet : ServiceCatalog.SERVICES) {
      Map<String, Object> service = map(SERVICES.get(fleet.module()));
      Map<String, Object> build = map(service.get("build"));
      assertThat(build.get("dockerfile")).isEqualTo("deploy/docker/Dockerfile");
      assertThat(map(build.get("args")).get("MODULE")).isEqualTo(fleet.module());
      assertThat(service.get("restart")).isEqualTo("unless-stopped");
      assertThat(list(map(service.get("healthcheck")).get("test")).toString())
          .contains("127.0.0.1:" + fleet.defaultPort() + "/actuator/health/readiness");
      assertThat(map(service.get("environment")).get("PORT"))
          .isEqualTo(String.valueOf(fleet.defaultPort()));
    }
  }

  @Test
  void redisKeepsAnAppendOnlyFileAndBothStoresKeepAVolume() {
    Map<String, Object> redis = map(SERVICES.get("redis"));
    assertThat(String.valueOf(redis.get("image"))).startsWith("redis:7");
    assertThat(list(redis.get("command"))).containsSequence("--appendonly", "yes");
    assertThat(list(redis.get("volumes")).toString()).contains("redis-data:/data");
    Map<String, Object> postgres = map(SERVICES.get("postgres"));
    assertThat(String.valueOf(postgres.get("image"))).startsWith("postgres:16");
    assertThat(map(COMPOSE.get("volumes"))).containsKeys("redis-data", "postgres-data");
  }

  @Test
  void dependenciesWaitForHealthAndNameServicesThatExist() {
    SERVICES.forEach(
        (name, value) -> {
          Object dependsOn = map(value).get("depends_on");
          if (dependsOn == null) {
            assertThat(name).isIn("redis", "postgres");
            return;
          }
          map(dependsOn)
              .forEach(
                  (dependency, condition) -> {
                    assertThat(SERVICES)
                        .as(name + " depends on " + dependency)
                        .containsKey(dependency);
                    assertThat(map(condition).get("condition"))
                        .as(name + " → " + dependency)
                        .isEqualTo("service_healthy");
                  });
        });
    for (FleetService fleet : ServiceCatalog.SERVICES) {
      Map<String, Object> dependsOn = map(map(SERVICES.get(fleet.module())).get("depends_on"));
      assertThat(dependsOn).as(fleet.module()).containsKey("redis");
      if (fleet.usesPostgres()) {
        assertThat(dependsOn).as(fleet.module()).containsKey("postgres");
      }
    }
    // The gateway starts last: after every service it routes to.
    assertThat(map(map(SERVICES.get("gateway-service")).get("depends_on")))
        .containsKeys(ServiceCatalog.needs(ServiceCatalog.GATEWAY).calls().toArray(String[]::new));
  }

  @Test
  void onlyTheGatewayAndTheObservabilityUisPublishPorts() {
    SERVICES.forEach(
        (name, value) -> {
          Object ports = map(value).get("ports");
          if (PUBLISHED.contains(name)) {
            assertThat(list(ports)).as(name).hasSize(1);
          } else {
            assertThat(ports).as(name + " must not publish a port").isNull();
          }
        });
    assertThat(list(map(SERVICES.get("gateway-service")).get("ports")))
        .containsExactly("${BUDAI_GATEWAY_PORT:-8000}:8000");
  }

  @Test
  void secretsComeFromTheEnvironmentAndDatabaseUrlOnlyReachesSchemaOwners() {
    String text = Repo.read("docker-compose.yml");
    assertThat(text).contains("${ADMIN_API_TOKEN:?").contains("${BUDAI_INTERNAL_TOKEN:?");
    for (FleetService fleet : ServiceCatalog.SERVICES) {
      Map<String, Object> environment = map(map(SERVICES.get(fleet.module())).get("environment"));
      assertThat(environment.containsKey("DATABASE_URL"))
          .as(fleet.module())
          .isEqualTo(fleet.usesPostgres());
    }
  }

  @Test
  void prometheusScrapesEveryServiceAndGrafanaIsProvisioned() {
    Map<String, Object> prometheus = Repo.yaml("deploy/observability/prometheus.yml");
    Map<String, Object> job = map(list(prometheus.get("scrape_configs")).getFirst());
    assertThat(job.get("job_name")).isEqualTo("budai");
    assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
    assertThat(list(map(list(job.get("static_configs")).getFirst()).get("targets")))
        .containsExactlyInAnyOrderElementsOf(
            ServiceCatalog.SERVICES.stream().map(s -> s.module() + ":" + s.defaultPort()).toList());
    assertThat(list(map(SERVICES.get("grafana")).get("volumes")).toString())
        .contains("./deploy/observability/grafana/provisioning:/etc/grafana/provisioning")
        .contains("./deploy/observability/grafana/dashboards:/var/lib/grafana/dashboards");
    Map<String, Object> datasource =
        map(
            list(Repo.yaml("deploy/observability/grafana/provisioning/datasources/prometheus.yml")
                    .get("datasources"))
                .getFirst());
    assertThat(datasource.get("uid")).isEqualTo("prometheus");
    assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
  }
}
