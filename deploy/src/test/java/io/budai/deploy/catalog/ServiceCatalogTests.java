package io.budai.deploy.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServiceCatalogTests {

  @Test
  void holdsTheTenServicesOnTheirDesignPorts() {
    assertThat(ServiceCatalog.SERVICES).hasSize(10);
    assertThat(ServiceCatalog.SERVICES.stream().map(FleetService::defaultPort))
        .containsExactly(8000, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8008, 8009);
    assertThat(ServiceCatalog.SERVICES.getFirst()).isEqualTo(ServiceCatalog.GATEWAY);
  }

  @Test
  void onlyTheCollectorAndAdminServiceUsePostgres() {
    assertThat(
            ServiceCatalog.SERVICES.stream()
                .filter(FleetService::usesPostgres)
                .map(FleetService::module))
        .containsExactlyInAnyOrder("transcription-collector", "admin-service");
  }

  @Test
  void derivesVariableNamesFromTheModule() {
    FleetService summarizer = ServiceCatalog.find("summarizer-agent").orElseThrow();

    assertThat(summarizer.urlVariable()).isEqualTo("BUDAI_SUMMARIZER_AGENT_URL");
    assertThat(summarizer.portVariable()).isEqualTo("BUDAI_SUMMARIZER_AGENT_PORT");
    assertThat(summarizer.javaOptsVariable()).isEqualTo("BUDAI_SUMMARIZER_AGENT_JAVA_OPTS");
  }

  @Test
  void matchesAServiceByAUniquePrefix() {
    assertThat(ServiceCatalog.match("gateway")).containsExactly(ServiceCatalog.GATEWAY);
    assertThat(ServiceCatalog.match("ADMIN-SERVICE"))
        .extracting(FleetService::module)
        .containsExactly("admin-service");
    assertThat(ServiceCatalog.match("s"))
        .extracting(FleetService::module)
        .containsExactly("summarizer-agent", "slack-integration-service");
    assertThat(ServiceCatalog.match("nope")).isEmpty();
  }
}
