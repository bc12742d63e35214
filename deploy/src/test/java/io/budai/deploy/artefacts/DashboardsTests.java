package io.budai.deploy.artefacts;

import static io.budai.deploy.artefacts.Repo.list;
import static io.budai.deploy.artefacts.Repo.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The provisioned dashboards are valid Grafana JSON, and every metric they query is one the code
 * registers. (LocalFleetIT checks the same names against a real scrape of the running fleet.)
 */
class DashboardsTests {

  @Test
  void theFiveDashboardsAreValidJsonWithUniqueIdsAndThePrometheusDatasource() {
    Map<String, Map<String, Object>> dashboards = Dashboards.all();
    assertThat(dashboards.keySet())
        .containsExactlyInAnyOrder(
            "fleet-overview.json", "event-bus.json", "workflows.json", "meetings.json", "llm.json");
    Set<Object> uids = new HashSet<>();
    dashboards.forEach(
        (file, dashboard) -> {
          assertThat(dashboard).as(file).containsKeys("uid", "title", "panels", "schemaVersion");
          assertThat(uids.add(dashboard.get("uid"))).as(file + " uid is unique").isTrue();
          Set<Object> ids = new HashSet<>();
          for (Object value : list(dashboard.get("panels"))) {
            Map<String, Object> panel = map(value);
            assertThat(ids.add(panel.get("id"))).as(file + " panel id " + panel.get("id")).isTrue();
            assertThat(map(panel.get("datasource")).get("uid")).isEqualTo("prometheus");
            assertThat(map(panel.get("gridPos"))).containsKeys("x", "y", "w", "h");
            assertThat(list(panel.get("targets"))).as(file + " " + panel.get("title")).isNotEmpty();
          }
        });
  }

  @Test
  void theMetricNameExtractionLeavesOutLabelsFunctionsAndVariables() {
    assertThat(
            Dashboards.metricNames(
                "histogram_quantile(0.95, sum by (service, le) (rate(http_server_requests_seconds_bucket{service=~\"$service\",status=~\"5..\"}[5m])))"))
        .containsExactly("http_server_requests_seconds_bucket");
    assertThat(
            Dashboards.metricNames(
                "sum(increase(budai_llm_tokens_total{kind=\"prompt\"}[24h])) / 1e6 * $prompt_price + max(budai_workflow_timers) or vector(0)"))
        .containsExactly("budai_llm_tokens_total", "budai_workflow_timers");
    assertThat(Dashboards.micrometerName("budai_bus_handler_seconds_bucket"))
        .isEqualTo("budai.bus.handler");
    assertThat(Dashboards.micrometerName("budai_bus_dead_lettered_total"))
        .isEqualTo("budai.bus.dead.lettered");
    assertThat(Dashboards.micrometerName("collector_live_meetings"))
        .isEqualTo("collector.live.meetings");
  }

  @Test
  void everyMetricTheDashboardsQueryIsRegisteredByTheCodeOrBySpring() throws IOException {
    String sources = mainSources();
    for (String series : Dashboards.metricNames()) {
      if (Dashboards.PROMETHEUS_OWN.contains(series)) {
        continue;
      }
      String name = Dashboards.micrometerName(series);
      if (name.startsWith("http.server.requests")
          || name.startsWith("jvm.")
          || name.startsWith("process.")) {
        continue; // Spring Boot's and Micrometer's own; LocalFleetIT finds them in the scrape
      }
      assertThat(sources.contains("\"" + name + "\""))
          .as(series + " is registered as \"" + name + "\" somewhere in */src/main")
          .isTrue();
    }
  }

  @Test
  void everyNameListedAsUnderLoadIsUsedByADashboardAndSaysWhenItAppears() {
    Set<String> used = Dashboards.metricNames();
    Dashboards.underLoad()
        .forEach(
            (name, when) -> {
              assertThat(used).as(name + " is listed but no dashboard uses it").contains(name);
              assertThat(when).as(name).isNotBlank();
            });
  }

  private static String mainSources() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> modules = Files.list(Repo.ROOT)) {
      for (Path module :
          modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
          for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
            all.append(Files.readString(file));
          }
        }
      }
    }
    return all.toString();
  }
}
