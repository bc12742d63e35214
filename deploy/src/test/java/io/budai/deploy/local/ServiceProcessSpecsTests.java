package io.budai.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The spec of each service's process: its command line and its whole environment. */
class ServiceProcessSpecsTests {

  private static final Path ROOT = Path.of("/repo");
  private static final Workspace WORKSPACE = new Workspace(ROOT, ROOT.resolve(".budai"));
  private static final Path JAVA = Path.of("/jdk/bin/java");
  private static final FleetService ADMIN = ServiceCatalog.find("admin-service").orElseThrow();
  private static final FleetService SUMMARIZER =
      ServiceCatalog.find("summarizer-agent").orElseThrow();

  private static FleetPlan plan() {
    Map<String, Integer> ports = new HashMap<>();
    for (FleetService service : ServiceCatalog.SERVICES) {
      ports.put(service.module(), service.defaultPort() + 100);
    }
    return new FleetPlan(
        ports,
        "127.0.0.1",
        "redis://:rpw@127.0.0.1:41000",
        Optional.of("postgresql://budai:pg%40pw@127.0.0.1:42000/budai"),
        "admin-token",
        "internal-token");
  }

  private static ServiceProcessSpecs specs(Map<String, String> callerEnv) {
    return new ServiceProcessSpecs(JAVA, WORKSPACE, callerEnv);
  }

  @Test
  void everyServiceGetsItsOwnPortAndTheUrlOfEveryService() {
    for (FleetService service : ServiceCatalog.SERVICES) {
      Map<String, String> env = specs(Map.of()).environment(service, plan());

      assertThat(env)
          .containsEntry("PORT", String.valueOf(service.defaultPort() + 100))
          .containsEntry("SERVER_PORT", String.valueOf(service.defaultPort() + 100))
          .containsEntry("SERVER_ADDRESS", "127.0.0.1")
          .containsEntry("BUDAI_GATEWAY_URL", "http://127.0.0.1:8100");
      for (FleetService other : ServiceCatalog.SERVICES) {
        assertThat(env)
            .containsEntry(other.urlVariable(), "http://127.0.0.1:" + (other.defaultPort() + 100));
      }
    }
  }

  @Test
  void everyServiceGetsRedisAndBothTokens() {
    Map<String, String> env = specs(Map.of()).environment(SUMMARIZER, plan());

    assertThat(env)
        .containsEntry("REDIS_URL", "redis://:rpw@127.0.0.1:41000")
        .containsEntry("ADMIN_API_TOKEN", "admin-token")
        .containsEntry("BUDAI_INTERNAL_TOKEN", "internal-token");
  }

  @Test
  void onlyServicesOwningASchemaGetPostgresAsDatabaseUrlAndDatasource() {
    Map<String, String> caller =
        Map.of(
            "DATABASE_URL", "postgresql://x@y/z", "SPRING_DATASOURCE_URL", "jdbc:postgresql://y/z");

    Map<String, String> admin = specs(caller).environment(ADMIN, plan());
    Map<String, String> summarizer = specs(caller).environment(SUMMARIZER, plan());

    assertThat(admin)
        .containsEntry("DATABASE_URL", "postgresql://budai:pg%40pw@127.0.0.1:42000/budai")
        .containsEntry("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:42000/budai")
        .containsEntry("SPRING_DATASOURCE_USERNAME", "budai")
        .containsEntry("SPRING_DATASOURCE_PASSWORD", "pg@pw");
    assertThat(summarizer)
        .doesNotContainKeys(
            "DATABASE_URL",
            "SPRING_DATASOURCE_URL",
            "SPRING_DATASOURCE_USERNAME",
            "SPRING_DATASOURCE_PASSWORD");
  }

  @Test
  void inheritsTheCallersVariablesButTheFleetDecidesItsOwn() {
    Map<String, String> caller =
        Map.of(
            "SLACK_BOT_TOKEN", "xoxb-1",
            "PATH", "/usr/bin",
            "PORT", "1234",
            "BUDAI_GATEWAY_SERVICE_URL", "http://elsewhere",
            "REDIS_URL", "redis://ignored");

    Map<String, String> env = specs(caller).environment(SUMMARIZER, plan());

    assertThat(env)
        .containsEntry("SLACK_BOT_TOKEN", "xoxb-1")
        .containsEntry("PATH", "/usr/bin")
        .containsEntry("PORT", "8102")
        .containsEntry("BUDAI_GATEWAY_SERVICE_URL", "http://127.0.0.1:8100")
        .containsEntry("REDIS_URL", "redis://:rpw@127.0.0.1:41000");
  }

  @Test
  void thePublicUrlIsTheGatewayUnlessTheCallerPublishesItElsewhere() {
    assertThat(specs(Map.of()).environment(SUMMARIZER, plan()))
        .containsEntry("BUDAI_PUBLIC_URL", "http://127.0.0.1:8100");
    assertThat(
            specs(Map.of("BUDAI_PUBLIC_URL", "https://budai.example.com"))
                .environment(SUMMARIZER, plan()))
        .containsEntry("BUDAI_PUBLIC_URL", "https://budai.example.com");
  }

  @Test
  void runsTheJarWithLeanJvmFlagsAndTheFleetMarker() {
    Path jar = ROOT.resolve("admin-service/target/admin-service-0.1.0-SNAPSHOT.jar");

    ProcessSpec spec =
        specs(Map.of()).spec(ADMIN, plan(), new ServiceApps.App(jar, Optional.empty()));

    assertThat(spec.name()).isEqualTo("admin-service");
    assertThat(spec.command().getFirst()).isEqualTo("/jdk/bin/java");
    assertThat(spec.command())
        .containsSubsequence(ServiceProcessSpecs.DEFAULT_JAVA_OPTS)
        .contains("-Dbudai.home=/repo/.budai")
        .doesNotContain("-XX:+AutoCreateSharedArchive")
        .endsWith("-jar", jar.toString());
    assertThat(spec.logFile()).isEqualTo(Path.of("/repo/.budai/logs/admin-service.log"));
    assertThat(spec.workingDirectory()).isEqualTo(ROOT);
  }

  @Test
  void runsAnUnpackedJarWithItsClassDataSharingArchive() {
    Path jar = Path.of("/repo/.budai/apps/admin-service/admin-service-0.1.0-SNAPSHOT.jar");
    Path archive = Path.of("/repo/.budai/apps/admin-service/admin-service.jsa");

    List<String> command =
        specs(Map.of()).command(ADMIN, new ServiceApps.App(jar, Optional.of(archive)));

    assertThat(command)
        .containsSubsequence(
            "-XX:+AutoCreateSharedArchive",
            "-XX:SharedArchiveFile=" + archive,
            "-jar",
            jar.toString());
  }

  @Test
  void budaiJavaOptsReplacesTheDefaultsAndAServiceMayAddItsOwn() {
    Map<String, String> caller =
        Map.of(
            "BUDAI_JAVA_OPTS",
            " -Xmx512m  -XX:+UseG1GC ",
            "BUDAI_ADMIN_SERVICE_JAVA_OPTS",
            "-Dx=y");

    List<String> admin = specs(caller).command(ADMIN, app("a.jar"));
    List<String> summarizer = specs(caller).command(SUMMARIZER, app("s.jar"));

    assertThat(admin).containsSequence("-Xmx512m", "-XX:+UseG1GC", "-Dx=y");
    assertThat(admin).doesNotContain("-XX:+UseSerialGC");
    assertThat(summarizer).containsSequence("-Xmx512m", "-XX:+UseG1GC").doesNotContain("-Dx=y");
  }

  private static ServiceApps.App app(String jar) {
    return new ServiceApps.App(Path.of(jar), Optional.empty());
  }

  @Test
  void urlsUseLoopbackWhenServicesListenOnEveryAddress() {
    FleetPlan plan = plan();
    FleetPlan wildcard =
        new FleetPlan(
            plan.ports(),
            "0.0.0.0",
            plan.redisUrl(),
            plan.databaseUrl(),
            plan.adminToken(),
            plan.internalToken());

    assertThat(wildcard.url(ServiceCatalog.GATEWAY)).isEqualTo("http://127.0.0.1:8100");
    assertThat(specs(Map.of()).environment(SUMMARIZER, wildcard))
        .containsEntry("SERVER_ADDRESS", "0.0.0.0");
  }

  @Test
  void sharedVariablesComeInTheOrderEnvPrintsThem() {
    assertThat(plan().sharedVariables().keySet())
        .startsWith(
            "BUDAI_GATEWAY_URL",
            "ADMIN_API_TOKEN",
            "BUDAI_INTERNAL_TOKEN",
            "REDIS_URL",
            "DATABASE_URL",
            "BUDAI_GATEWAY_SERVICE_URL")
        .hasSize(15);
  }
}
