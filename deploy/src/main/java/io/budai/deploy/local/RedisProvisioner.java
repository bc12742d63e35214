package io.budai.deploy.local;

import io.budai.deploy.config.DatabaseUrl;
import io.budai.deploy.config.FleetEnvironment;
import io.budai.deploy.config.Secrets;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet's Redis: {@code REDIS_URL} when set (never touched beyond a reachability check);
 * otherwise a private {@code redis-server} owned by the CLI, on a free loopback port, with a
 * generated password and its data (AOF) under {@code .budai/data/redis/} so it survives {@code
 * down}/{@code up}. The machine's {@code redis-server} is used when there is one, else the embedded
 * one from the CLI jar.
 */
final class RedisProvisioner {

  static final String NAME = "redis";
  private static final List<Path> MACHINE_BINARIES =
      List.of(Path.of("/usr/bin/redis-server"), Path.of("/usr/local/bin/redis-server"));

  private final Workspace workspace;
  private final RunState state;
  private final Launcher launcher;
  private final Console console;
  private final boolean machineBinaryAllowed;

  RedisProvisioner(
      Workspace workspace,
      RunState state,
      Launcher launcher,
      Console console,
      boolean machineBinaryAllowed) {
    this.workspace = workspace;
    this.state = state;
    this.launcher = launcher;
    this.console = console;
    this.machineBinaryAllowed = machineBinaryAllowed;
  }

  Provisioned provision(FleetEnvironment environment, Duration timeout) {
    Optional<String> external = environment.get("REDIS_URL");
    if (external.isPresent()) {
      String url = external.get();
      URI uri = URI.create(url);
      Health health =
          Health.reachable(
              uri.getHost() == null ? "localhost" : uri.getHost(),
              uri.getPort() > 0 ? uri.getPort() : 6379);
      console.line(
          "Redis       REDIS_URL=%s (external%s)"
              .formatted(
                  DatabaseUrl.redact(url),
                  health.up() ? "" : "; NOT reachable now: services stay not-ready until it is"));
      return Provisioned.external(url);
    }
    Optional<ProcessRecord> running = state.find(NAME).filter(ProcessRecord::isAlive);
    if (running.isPresent()) {
      console.line(
          "Redis       private, already running (pid %d, port %d)"
              .formatted(running.get().pid(), running.get().port()));
      return new Provisioned(running.get().url(), running, Optional.empty());
    }
    state.remove(NAME);
    return start(timeout);
  }

  private Provisioned start(Duration timeout) {
    Path binary = binary();
    Path dataDir = workspace.data().resolve("redis");
    Path portFile = workspace.data().resolve("redis.port");
    String password =
        Secrets.resolve(workspace.data().resolve("redis.password"), Optional.empty()).value();
    int port = InfraSupport.reuseOrPick(portFile);
    Path config = workspace.data().resolve("redis.conf");
    try {
      Files.createDirectories(dataDir);
      Secrets.writePrivate(
          config,
          String.join(
              "\n",
              "# Written by ./budai up for its private Redis; rewritten at each start.",
              "bind 127.0.0.1",
              "protected-mode yes",
              "port " + port,
              "daemonize no",
              "logfile \"\"",
              "dir \"" + dataDir.toAbsolutePath() + "\"",
              "appendonly yes",
              "save 3600 1 300 100 60 10000",
              "requirepass \"" + password + "\"",
              ""));
      ProcessSpec spec =
          new ProcessSpec(
              NAME,
              List.of(binary.toString(), config.toAbsolutePath().toString()),
              Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
              dataDir,
              workspace.logFile(NAME));
      String url = "redis://:" + password + "@127.0.0.1:" + port;
      Launcher.Launched launched = launcher.start(spec, ProcessRecord.Kind.REDIS, port, url);
      state.save(launched.record());
      Instant start = Instant.now();
      awaitReady(launched, url, timeout);
      console.line(
          "Redis       private %s on port %d, data in %s (ready in %s)"
              .formatted(
                  binary.getFileName(),
                  port,
                  workspace.display(dataDir),
                  Console.seconds(Duration.between(start, Instant.now()))));
      return new Provisioned(url, Optional.of(launched.record()), Optional.of(launched.process()));
    } catch (IOException e) {
      throw new ProvisioningException("Cannot start Redis (" + binary + "): " + e.getMessage(), e);
    }
  }

  private void awaitReady(Launcher.Launched launched, String url, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (!launched.process().isAlive()) {
        throw new ProvisioningException(
            "Redis exited with code %d at start-up. Last lines of %s:%n%s"
                .formatted(
                    launched.process().exitValue(),
                    workspace.display(launched.record().log()),
                    InfraSupport.indent(LogTail.last(launched.record().log(), 20))));
      }
      if (Health.redis(url).up()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new ProvisioningException(
            "Redis did not answer PING within " + Console.shortDuration(timeout));
      }
      InfraSupport.pause();
    }
  }

  private Path binary() {
    if (machineBinaryAllowed) {
      for (Path candidate : MACHINE_BINARIES) {
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
      Optional<Path> onPath = InfraSupport.onPath("redis-server");
      if (onPath.isPresent()) {
        return onPath.get();
      }
    }
    return new EmbeddedBinaries(workspace.tools())
        .redisServer()
        .orElseThrow(
            () ->
                new ProvisioningException(
                    "No redis-server on this machine and no embedded one for "
                        + System.getProperty("os.name")
                        + "/"
                        + System.getProperty("os.arch")
                        + ": install Redis >= 6.2 or set REDIS_URL."));
  }
}
