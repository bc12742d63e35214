package io.budai.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's commands and failure paths that need no running fleet. */
class BudaiCliTests {

  @TempDir Path root;

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("BUDAI_HOME", root.resolve("state").toString());
    return env;
  }

  private Path home() {
    return root.resolve("state");
  }

  @Test
  void helpListsEveryCommand() {
    CliRun run = CliRun.run(root, env(), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("up ", "down ", "status ", "logs ", "env ");
  }

  @Test
  void anUnknownCommandOrOptionIsAUsageError() {
    assertThat(CliRun.run(root, env(), "launch").exitCode()).isEqualTo(2);
    assertThat(CliRun.run(root, env(), "up", "--fast").exitCode()).isEqualTo(2);
    CliRun badTimeout = CliRun.run(root, env(), "up", "--timeout", "0");
    assertThat(badTimeout.exitCode()).isEqualTo(2);
    assertThat(badTimeout.err()).contains("--timeout must be a positive number of seconds");
  }

  @Test
  void statusEnvAndDownSayThatNothingRuns() {
    CliRun status = CliRun.run(root, env(), "status");
    CliRun env = CliRun.run(root, env(), "env");
    CliRun down = CliRun.run(root, env(), "down");

    assertThat(status.exitCode()).isEqualTo(3);
    assertThat(status.out()).contains("BudAI is not running");
    assertThat(env.exitCode()).isEqualTo(3);
    assertThat(env.out()).isEmpty();
    assertThat(env.err()).contains("BudAI is not running");
    assertThat(down.exitCode()).isZero();
    assertThat(down.out()).contains("BudAI is not running.");
  }

  @Test
  void logsPrintsTheLastLinesOfAServiceNamedByPrefix() throws IOException {
    Files.createDirectories(home().resolve("logs"));
    Files.write(home().resolve("logs/admin-service.log"), List.of("one", "two", "three"));

    CliRun run = CliRun.run(root, env(), "logs", "admin", "-n", "2");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("two\nthree\n");
  }

  @Test
  void logsOfAnUnknownOrAmbiguousServiceListsTheCandidates() {
    CliRun unknown = CliRun.run(root, env(), "logs", "nope");
    CliRun ambiguous = CliRun.run(root, env(), "logs", "s");
    CliRun notYet = CliRun.run(root, env(), "logs", "gateway");

    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err())
        .contains("Unknown service 'nope'", "gateway-service", "redis", "build");
    assertThat(ambiguous.exitCode()).isEqualTo(2);
    assertThat(ambiguous.err())
        .contains("'s' matches several services", "summarizer-agent", "slack-integration-service");
    assertThat(notYet.exitCode()).isEqualTo(3);
    assertThat(notYet.err()).contains("No log yet");
  }

  @Test
  void envPrintsLinesThatAShellSourcesBack() throws Exception {
    Files.createDirectories(home().resolve("run"));
    Files.writeString(
        home().resolve("run/fleet.env"),
        "BUDAI_GATEWAY_URL=http://127.0.0.1:8000\nODD=it's a \"value\" $HOME\n");

    CliRun plain = CliRun.run(root, env(), "env");
    CliRun exported = CliRun.run(root, env(), "env", "--export");

    assertThat(plain.exitCode()).isZero();
    assertThat(plain.out()).startsWith("BUDAI_GATEWAY_URL=http://127.0.0.1:8000\n");
    assertThat(exported.out()).startsWith("export BUDAI_GATEWAY_URL=http://127.0.0.1:8000\n");
    Path script = Files.writeString(root.resolve("env.sh"), exported.out());
    Process shell =
        new ProcessBuilder(
                "bash",
                "-c",
                ". \"$1\"; printf '%s|%s' \"$BUDAI_GATEWAY_URL\" \"$ODD\"",
                "sh",
                script.toString())
            .redirectErrorStream(true)
            .start();
    String sourced = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(shell.waitFor()).isZero();
    assertThat(sourced).isEqualTo("http://127.0.0.1:8000|it's a \"value\" $HOME");
  }

  @Test
  void upWithStrictPortsFailsNamingTheTakenPortAndStartsNothing() throws IOException {
    fakeJars();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      Map<String, String> env = env();
      env.putAll(unreachableInfrastructure());
      env.put("BUDAI_GATEWAY_SERVICE_PORT", Integer.toString(taken.getLocalPort()));

      CliRun run = CliRun.run(root, env, "up", "--no-build", "--strict-ports");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.err())
          .contains(
              "port %d for gateway-service is taken by another process (--strict-ports"
                  .formatted(taken.getLocalPort()));
      assertThat(run.out()).doesNotContain("Starting");
    }
    assertThat(CliRun.run(root, env(), "status").exitCode()).isEqualTo(3);
  }

  @Test
  void upReportsAServiceThatCannotStartWithItsLogAndExitCodeThenStopsTheRest() throws IOException {
    fakeJars();
    Map<String, String> env = env();
    env.putAll(unreachableInfrastructure());
    // Move the fleet off 8000-8009, which other fleets on this machine may use.
    int port = 20000 + (int) (ProcessHandle.current().pid() % 20000);
    for (FleetService service : ServiceCatalog.SERVICES) {
      env.put(service.portVariable(), Integer.toString(port + service.defaultPort() - 8000));
    }

    CliRun run = CliRun.run(root, env, "up", "--no-build", "--timeout", "120");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out()).contains("REDIS_URL=redis://127.0.0.1:1 (external; NOT reachable now");
    assertThat(run.err())
        .contains("FAILED  ")
        .contains("exited with code 1")
        .contains("Invalid or corrupt jarfile")
        .contains("Stopping the fleet (--keep-going would keep the healthy services running).");
    assertThat(CliRun.run(root, env(), "status").exitCode()).isEqualTo(3);
    assertThat(liveProcessesMentioning(home())).isEmpty();
  }

  @Test
  void aBadDatabaseUrlIsRefusedBeforeAnythingStarts() throws IOException {
    fakeJars();
    Map<String, String> env = env();
    env.put("REDIS_URL", "redis://127.0.0.1:1");
    env.put("DATABASE_URL", "mysql://root:hunter2@localhost/db");

    CliRun run = CliRun.run(root, env, "up", "--no-build");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("DATABASE_URL is not usable: not a PostgreSQL URL")
        .doesNotContain("hunter2");
  }

  @Test
  void upWithoutJarsAndWithoutBuildingSaysWhatToDo() {
    CliRun run = CliRun.run(root, env(), "up", "--no-build");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("No jar for gateway-service under gateway-service/target/");
  }

  private void fakeJars() throws IOException {
    for (FleetService service : ServiceCatalog.SERVICES) {
      Path target = Files.createDirectories(root.resolve(service.module()).resolve("target"));
      Files.writeString(target.resolve(service.module() + "-0.1.0-SNAPSHOT.jar"), "not a jar");
    }
  }

  private static Map<String, String> unreachableInfrastructure() {
    return Map.of(
        "REDIS_URL", "redis://127.0.0.1:1", "DATABASE_URL", "postgresql://u:p@127.0.0.1:1/db");
  }

  /** Live processes whose command line names {@code path} (the fleet marks its JVMs with it). */
  static List<ProcessHandle> liveProcessesMentioning(Path path) {
    String needle = path.toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(p -> commandLine(p.pid()).contains(needle))
        .toList();
  }

  private static String commandLine(long pid) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException gone) {
      return "";
    }
  }
}
