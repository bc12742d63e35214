package io.budai.deploy.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import io.budai.deploy.spec.DeploySpec;
import io.budai.deploy.spec.SpecReaderAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code .railway/railway.ts} is what {@code deploy/specs/railway.yaml} generates, wires every
 * service as Railway needs it, and — where Node.js is installed — type-checks and evaluates with
 * Railway's own IaC SDK.
 */
class RailwayTargetTests {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static RailwayTarget target() {
    DeploySpec spec = SpecReaderAccess.read(ROOT.resolve("deploy/specs/railway.yaml"));
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    return new RailwayTarget(
        new TargetRun(spec, ROOT, ROOT.resolve(".budai"), Map.of(), Map.of(), sink, sink));
  }

  @Test
  void theCommittedFileIsWhatTheSpecGenerates() throws IOException {
    assertThat(Files.readString(ROOT.resolve(RailwayTarget.FILE)))
        .as("regenerate with ./budai deploy --spec deploy/specs/railway.yaml and commit it")
        .isEqualTo(target().render());
  }

  @Test
  void everyServiceBuildsFromTheMonorepoWithItsWatchPathsHealthCheckAndPrivateUrls() {
    String ts = target().render();
    assertThat(ts)
        .contains(
            "import { defineRailway, github, group, postgres, project, redis, service } from \"railway/iac\";");
    for (FleetService service : ServiceCatalog.SERVICES) {
      assertThat(ts).contains("service(\"" + service.module() + "\", {");
      assertThat(ts)
          .contains(
              "MODULE: \""
                  + service.module()
                  + "\",\n      PORT: \""
                  + service.defaultPort()
                  + "\"");
      assertThat(ts)
          .contains(
              service.urlVariable()
                  + ": \"http://${{"
                  + service.module()
                  + ".RAILWAY_PRIVATE_DOMAIN}}:"
                  + service.defaultPort()
                  + "\"");
      assertThat(ts)
          .contains(
              "watchPatterns: [\"/"
                  + service.module()
                  + "/**\", \"/shared-contracts/**\", \"/shared-platform/**\"");
    }
    assertThat(ts.split("healthcheck: \"/actuator/health/readiness\"", -1)).hasSize(11);
    assertThat(ts.split("dockerfilePath: \"deploy/docker/Dockerfile\"", -1)).hasSize(11);
    assertThat(ts.split("DATABASE_URL: database.env.DATABASE_URL", -1)).hasSize(3);
    assertThat(ts)
        .contains("REDIS_URL: cache.env.REDIS_URL")
        .contains("ADMIN_API_TOKEN: ctx.shared.ADMIN_API_TOKEN");
    assertThat(target().watchPatterns(ServiceCatalog.find("summarizer-agent").orElseThrow()))
        .contains("/llm/**");
    assertThat(target().watchPatterns(ServiceCatalog.GATEWAY)).doesNotContain("/llm/**");
    assertThat(ts).doesNotContain("railway.json");
  }

  @Test
  void railwaysOwnSdkTypeChecksAndEvaluatesTheFile() throws IOException {
    Tools system = new Tools(System.getenv(), ROOT);
    Assumptions.assumeTrue(
        system.find("node").isPresent() && system.find("npm").isPresent(),
        "Node.js is not installed");
    Path work = ROOT.resolve("deploy/target/railway-check");
    Files.createDirectories(work);
    for (String file : List.of("package.json", "tsconfig.json", "evaluate.mjs")) {
      Files.copy(
          ROOT.resolve("deploy/railway").resolve(file),
          work.resolve(file),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Files.copy(
        ROOT.resolve(RailwayTarget.FILE),
        work.resolve("railway.ts"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Tools tools = new Tools(System.getenv(), work);
    if (!Files.isDirectory(work.resolve("node_modules/railway"))) {
      Tools.Result install =
          tools.capture(
              List.of("npm", "install", "--no-audit", "--no-fund", "--ignore-scripts"),
              Duration.ofMinutes(4));
      Assumptions.assumeTrue(
          install.ok(), "npm could not install Railway's SDK here: " + install.output());
    }
    Tools.Result tsc =
        tools.capture(
            List.of("node_modules/.bin/tsc", "-p", "tsconfig.json"), Duration.ofMinutes(2));
    assertThat(tsc.exitCode()).as("tsc: " + tsc.output()).isZero();
    Tools.Result evaluated = tools.capture(List.of("node", "evaluate.mjs"), Duration.ofMinutes(1));
    assertThat(evaluated.exitCode()).as(evaluated.output()).isZero();

    Map<String, Object> definition = map(Yaml.loader().load(evaluated.output()));
    assertThat(definition.get("name")).isEqualTo("budai");
    List<Object> resources = list(definition.get("resources"));
    Map<String, Map<String, Object>> services = new java.util.LinkedHashMap<>();
    for (Object resource : resources) {
      Map<String, Object> node = map(resource);
      if ("service".equals(node.get("type"))) {
        services.put(String.valueOf(node.get("name")), node);
      }
    }
    assertThat(services.keySet())
        .containsExactlyElementsOf(
            ServiceCatalog.inStartOrder().stream().map(FleetService::module).toList());
    assertThat(resources)
        .anySatisfy(
            r ->
                assertThat(map(r))
                    .containsEntry("type", "database")
                    .containsEntry("engine", "redis"));
    assertThat(resources)
        .anySatisfy(
            r ->
                assertThat(map(r))
                    .containsEntry("type", "database")
                    .containsEntry("engine", "postgres"));
    for (FleetService service : ServiceCatalog.SERVICES) {
      Map<String, Object> node = services.get(service.module());
      Map<String, Object> build = map(node.get("build"));
      Map<String, Object> deploy = map(node.get("deploy"));
      Map<String, Object> variables = map(node.get("variables"));
      assertThat(build)
          .containsEntry("builder", "DOCKERFILE")
          .containsEntry("dockerfilePath", "deploy/docker/Dockerfile");
      assertThat(deploy)
          .containsEntry("healthcheckPath", "/actuator/health/readiness")
          .containsEntry("restartPolicyType", "ON_FAILURE")
          .containsEntry("numReplicas", service == ServiceCatalog.GATEWAY ? 2 : 1);
      assertThat(map(node.get("source")))
          .containsEntry("repo", "budai/budai")
          .containsEntry("branch", "main");
      assertThat(String.valueOf(variables.get("MODULE"))).contains(service.module());
      assertThat(String.valueOf(variables.get("REDIS_URL"))).contains("database.redis");
      assertThat(variables.containsKey("DATABASE_URL")).isEqualTo(service.usesPostgres());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return (List<Object>) value;
  }
}
