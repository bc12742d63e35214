package io.budai.deploy.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.deploy.CliRun;
import io.budai.deploy.target.Yaml;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain, validate, deploy and verify through the CLI, for every target, with the tools they drive
 * replaced by scripts on PATH that record how they were called.
 */
class SpecCommandsTests {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir Path home;
  @TempDir Path bin;
  private Map<String, String> env;

  @BeforeEach
  void environment() {
    env = new HashMap<>();
    env.put("BUDAI_HOME", home.toString());
    env.put("PATH", bin.toString());
    env.put("HOME", home.toString());
  }

  private Path spec(String name, String yaml) throws IOException {
    Path file = home.resolve(name + ".yaml");
    Files.writeString(file, yaml);
    return file;
  }

  /** A fake tool: records its arguments in {@code <name>.calls}, answers per {@code cases}. */
  private Path tool(String name, String cases) throws IOException {
    Path script = bin.resolve(name);
    Files.writeString(
        script,
        "#!/bin/bash\necho \"$*\" >> '"
            + home.resolve(name + ".calls")
            + "'\n"
            + cases
            + "\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private List<String> calls(String name) throws IOException {
    Path file = home.resolve(name + ".calls");
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void explainPrintsTheTiersInDependencyOrderWithWhatEachNeeds() {
    CliRun explain = CliRun.run(ROOT, env, "explain", "--spec", "deploy/specs/local.yaml");

    assertThat(explain.exitCode()).as(explain.toString()).isZero();
    String out = explain.out();
    assertThat(out.indexOf("tier 0  infrastructure"))
        .isLessThan(out.indexOf("tier 1  orchestrator"))
        .isLessThan(out.indexOf("summarizer-agent"));
    assertThat(out.indexOf("summarizer-agent"))
        .isLessThan(out.indexOf("transcription-collector  "));
    assertThat(out.indexOf("transcription-collector  "))
        .isLessThan(out.indexOf("gateway-service  "));
    assertThat(out)
        .contains("needs: Redis, PostgreSQL, BUDAI_INTERNAL_TOKEN, ADMIN_API_TOKEN")
        .contains("ADMIN_API_TOKEN: will be generated into")
        .contains("OPENAI_API_KEY: not set (optional")
        .contains("own variables: BOT_SIMULATED_SPEED");
    assertThat(CliRun.run(ROOT, env, "explain", "--spec", "deploy/specs/kubernetes.yaml").out())
        .contains("gateway-service            port 8000, 2 replicas")
        .contains(
            "external: the Service budai-redis (ExternalName) → budai-redis.example.cache.amazonaws.com")
        .contains("MISSING: secret DATABASE_URL is missing");
  }

  @Test
  void aMalformedSpecExitsWithTwoListingEveryProblem() throws IOException {
    CliRun validate =
        CliRun.run(
            ROOT,
            env,
            "validate",
            "--spec",
            spec("bad", "name: x\ntarget: local\nservices: {nope: {}}\n").toString());

    assertThat(validate.exitCode()).isEqualTo(2);
    assertThat(validate.err())
        .contains("has 3 problems")
        .contains("unknown service 'nope'")
        .contains("ADMIN_API_TOKEN is missing")
        .contains("BUDAI_INTERNAL_TOKEN is missing");
  }

  @Test
  void validateLocalFindsUnreachableStoresClashingPortsAndMissingSecrets() throws IOException {
    int dead = freePort();
    env.put("REDIS_URL", "redis://127.0.0.1:" + dead);
    env.put("DATABASE_URL", "postgresql://budai:pw@127.0.0.1:" + dead + "/budai");
    env.put("BUDAI_ADMIN_SERVICE_PORT", "18111");
    env.put("BUDAI_GATEWAY_SERVICE_PORT", "18111");
    Path spec =
        spec(
            "local",
            "name: l\ntarget: local\nsecrets:\n  ADMIN_API_TOKEN: env\n  BUDAI_INTERNAL_TOKEN: generated\n");

    CliRun validate = CliRun.run(ROOT, env, "validate", "--spec", spec.toString());

    assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(1);
    assertThat(validate.err())
        .contains("invalid: 4 problems")
        .contains(
            "secret ADMIN_API_TOKEN is missing: set ADMIN_API_TOKEN in the environment or in .env")
        .contains("Redis at redis://127.0.0.1:" + dead + " is unreachable")
        .contains(
            "PostgreSQL at postgresql://budai:***@127.0.0.1:" + dead + "/budai is unreachable")
        .contains("port 18111 is wanted by both gateway-service and admin-service");
    assertThat(validate.out())
        .contains("BUDAI_INTERNAL_TOKEN: will be generated")
        .doesNotContain("pw@");
  }

  @Test
  void validateComposeListsMissingSecretsATakenPortAndNotesTheMissingEngine() throws IOException {
    try (ServerSocket taken = new ServerSocket(0)) {
      Path spec =
          spec(
              "compose",
              """
              name: c
              target: compose
              services: {gateway-service: {replicas: 2}}
              secrets: {ADMIN_API_TOKEN: env, BUDAI_INTERNAL_TOKEN: env, POSTGRES_PASSWORD: env}
              compose: {gateway_port: %d}
              """
                  .formatted(taken.getLocalPort()));

      CliRun validate = CliRun.run(ROOT, env, "validate", "--spec", spec.toString());

      assertThat(validate.exitCode()).isEqualTo(1);
      assertThat(validate.err())
          .contains("invalid: 5 problems")
          .contains("secret POSTGRES_PASSWORD is missing")
          .contains("port %d is taken on this machine".formatted(taken.getLocalPort()))
          .contains("gateway-service: 2 replicas cannot all publish port");
      assertThat(validate.out()).contains("no docker command here");
    }
  }

  @Test
  void deployComposeWithoutDockerRendersTheOverrideAndSaysSoWithExitCodeFour() throws IOException {
    env.putAll(
        Map.of(
            "ADMIN_API_TOKEN",
            "admin-1",
            "BUDAI_INTERNAL_TOKEN",
            "internal-1",
            "POSTGRES_PASSWORD",
            "pg-1",
            "OPENAI_API_KEY",
            "sk-1"));

    CliRun deploy = CliRun.run(ROOT, env, "deploy", "--spec", "deploy/specs/compose.yaml");

    assertThat(deploy.exitCode()).as(deploy.toString()).isEqualTo(4);
    assertThat(deploy.err())
        .contains("Not deployed: there is no docker command on this machine")
        .contains("up -d --build --wait");
    Path override = home.resolve("deploy/compose/docker-compose.override.yml");
    String text = Files.readString(override);
    assertThat(text).doesNotContain("admin-1", "internal-1", "pg-1", "sk-1");
    Map<String, Object> services = map(map(Yaml.loader().load(text)).get("services"));
    Map<String, Object> summarizer = map(services.get("summarizer-agent"));
    assertThat(map(summarizer.get("deploy"))).containsEntry("replicas", 2);
    assertThat(map(summarizer.get("environment")))
        .containsEntry("OPENAI_API_KEY", "${OPENAI_API_KEY:-}")
        .containsEntry("BUDAI_LOG_FORMAT", "json")
        .doesNotContainKey("DATABASE_URL");
  }

  @Test
  void deployComposeRunsDockerComposeUpAndWaitsForHealth() throws IOException {
    env.putAll(
        Map.of(
            "ADMIN_API_TOKEN",
            "admin-1",
            "BUDAI_INTERNAL_TOKEN",
            "internal-1",
            "POSTGRES_PASSWORD",
            "pg-1"));
    tool(
        "docker",
        "if [ \"$1\" = info ]; then echo 28.2.2; fi\nif [ \"$1 $2\" = 'compose version' ]; then echo 'Docker Compose version v2.40.0'; fi\n"
            + "if [ -n \"$ADMIN_API_TOKEN\" ]; then echo \"token seen\" >> '"
            + home.resolve("docker.env")
            + "'; fi");

    CliRun deploy = CliRun.run(ROOT, env, "deploy", "--spec", "deploy/specs/compose.yaml");

    assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
    assertThat(calls("docker"))
        .contains(
            "compose -p budai -f %s -f %s --profile observability up -d --build --wait --wait-timeout 600"
                .formatted(
                    ROOT.resolve("docker-compose.yml"),
                    home.resolve("deploy/compose/docker-compose.override.yml")));
    assertThat(Files.readString(home.resolve("docker.env"))).contains("token seen");
  }

  @Test
  void deployKubernetesRendersAnOverlayKubectlBuildsAndAppliesItTierByTier() throws IOException {
    env.putAll(
        Map.of(
            "ADMIN_API_TOKEN",
            "admin-1",
            "BUDAI_INTERNAL_TOKEN",
            "internal-1",
            "DATABASE_URL",
            "postgresql://u:p@db:5432/budai"));

    CliRun rendered = CliRun.run(ROOT, env, "deploy", "--spec", "deploy/specs/kubernetes.yaml");

    assertThat(rendered.exitCode()).as(rendered.toString()).isEqualTo(4);
    assertThat(rendered.err())
        .contains("Not deployed: there is no kubectl on this machine")
        .contains("apply -k");
    Path overlay = home.resolve("deploy/production/kubernetes");
    assertThat(Files.readString(overlay.resolve("secrets.env")))
        .contains("ADMIN_API_TOKEN=admin-1")
        .doesNotContain("DATABASE_URL");
    assertThat(Files.readString(overlay.resolve("database.env")))
        .isEqualTo("DATABASE_URL=postgresql://u:p@db:5432/budai\n");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(overlay.resolve("secrets.env"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(overlay.resolve("kustomization.yaml"))).doesNotContain("admin-1");

    tool("kubectl", "");
    CliRun applied = CliRun.run(ROOT, env, "deploy", "--spec", "deploy/specs/kubernetes.yaml");

    assertThat(applied.exitCode()).as(applied.toString()).isZero();
    List<String> calls = calls("kubectl");
    assertThat(calls.getFirst()).isEqualTo("cluster-info --request-timeout=5s");
    assertThat(calls.get(1)).isEqualTo("apply -k " + overlay);
    List<String> rollouts = calls.subList(2, calls.size());
    assertThat(rollouts).hasSize(10);
    assertThat(rollouts.getFirst())
        .isEqualTo("-n budai rollout status deployment/orchestrator-service --timeout=600s");
    assertThat(rollouts.getLast()).contains("deployment/gateway-service");
  }

  @Test
  void deployRailwayGeneratesTheFileAndRunsPlanThenApply() throws IOException {
    Path root = home.resolve("repo");
    for (var service : io.budai.deploy.catalog.ServiceCatalog.SERVICES) {
      Files.createDirectories(root.resolve(service.module()));
      Files.copy(
          ROOT.resolve(service.module()).resolve("pom.xml"),
          root.resolve(service.module()).resolve("pom.xml"));
    }
    Path spec = root.resolve("deploy/specs/railway.yaml");
    Files.createDirectories(spec.getParent());
    Files.copy(ROOT.resolve("deploy/specs/railway.yaml"), spec);

    CliRun missing = CliRun.run(root, env, "deploy", "--spec", spec.toString());
    assertThat(missing.exitCode()).isEqualTo(4);
    assertThat(missing.err()).contains("there is no railway CLI");
    assertThat(Files.readString(root.resolve(".railway/railway.ts")))
        .isEqualTo(Files.readString(ROOT.resolve(".railway/railway.ts")));

    tool("railway", "");
    CliRun applied = CliRun.run(root, env, "deploy", "--spec", spec.toString());
    assertThat(applied.exitCode()).as(applied.toString()).isZero();
    assertThat(calls("railway")).containsExactly("config plan", "config apply --yes");
  }

  @Test
  void verifyRunsTheSmokeFlowThroughTheGatewayAndFailsLoudly() throws IOException {
    env.putAll(
        Map.of(
            "ADMIN_API_TOKEN",
            "admin-1",
            "BUDAI_INTERNAL_TOKEN",
            "internal-1",
            "POSTGRES_PASSWORD",
            "pg-1"));
    try (FakeGateway gateway = new FakeGateway("admin-1")) {
      Path spec =
          spec(
              "compose",
              Files.readString(ROOT.resolve("deploy/specs/compose.yaml"))
                  + "  gateway_url: "
                  + gateway.url()
                  + "\n");

      CliRun verify = CliRun.run(ROOT, env, "verify", "--spec", spec.toString());

      assertThat(verify.exitCode()).as(verify.toString()).isZero();
      assertThat(verify.out())
          .contains("checking through the gateway only")
          .contains("ok   GET /meetings without an API key: 401, refused")
          .contains("ok   POST /admin/users: 201")
          .contains("ok   POST /admin/users/7/tokens: 201, minted an API key")
          .contains("ok   GET /meetings with the key: 200, 0 meeting(s)")
          .contains("ok   DELETE /admin/tokens/3: 204");
      assertThat(gateway.calls)
          .containsExactly(
              "GET /actuator/health",
              "GET /meetings",
              "POST /admin/users",
              "POST /admin/users/7/tokens",
              "GET /meetings",
              "DELETE /admin/tokens/3");

      gateway.meetingsStatus = 500;
      CliRun failing = CliRun.run(ROOT, env, "verify", "--spec", spec.toString());
      assertThat(failing.exitCode()).isEqualTo(1);
      assertThat(failing.err())
          .contains("verify failed (1 problem)")
          .contains("GET /meetings with the key: expected 200 with a meetings list, got 500");

      env.put("ADMIN_API_TOKEN", "wrong");
      CliRun refused = CliRun.run(ROOT, env, "verify", "--spec", spec.toString());
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.out()).contains("FAIL POST /admin/users: expected 201, got 403");
    }
  }

  @Test
  void verifyLocalSaysWhenNothingRuns() {
    CliRun verify = CliRun.run(ROOT, env, "verify", "--spec", "deploy/specs/local.yaml");
    assertThat(verify.exitCode()).isEqualTo(3);
    assertThat(verify.err()).contains("./budai deploy --spec deploy/specs/local.yaml first");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
