package io.budai.deploy.local;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import io.budai.deploy.config.CliContext;
import io.budai.deploy.config.DatabaseUrl;
import io.budai.deploy.config.FleetEnvironment;
import io.budai.deploy.config.Secrets;
import io.budai.deploy.verify.DemoKey;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The local fleet: every service as its own JVM on this machine, with Redis and PostgreSQL from the
 * environment or private to the CLI. This is what {@code up}, {@code down}, {@code status}, {@code
 * logs} and {@code env} do, and what a {@code local} deploy target runs.
 */
public final class LocalFleet {

  /** Exit code of {@code status}, {@code env} and {@code logs} when nothing runs. */
  public static final int NOT_RUNNING = 3;

  private static final Duration INFRA_TIMEOUT = Duration.ofMinutes(2);

  /**
   * How long stopping services may take before they are killed: a service that stops for the first
   * time after a (re)build writes its class-data-sharing archive on the way out, which takes ten
   * services on two cores about 30 s.
   */
  static final Duration STOP_GRACE = Duration.ofSeconds(60);

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PROGRESS = Duration.ofSeconds(10);
  private static final Pattern SAFE_SHELL = Pattern.compile("[A-Za-z0-9_@%+=:,./-]*");

  private final FleetEnvironment environment;
  private final Workspace workspace;
  private final Console console;
  private final RunState state;
  private final Launcher launcher = new Launcher();
  private final Stopper stopper = new Stopper();

  public LocalFleet(CliContext context) {
    this.environment = context.fleetEnvironment();
    this.workspace = new Workspace(context.root(), environment.home(context.root()));
    this.console = new Console(context.out(), context.err());
    this.state = new RunState(workspace.run());
  }

  // ---------------------------------------------------------------------------------------- up

  /** Builds, provisions, starts and waits for every service; see {@link UpOptions}. */
  public int up(UpOptions options) {
    environment.dotEnvProblems().forEach(p -> console.problem("warning: .env " + p));
    FleetLock lock;
    try {
      lock = FleetLock.acquire(workspace.lockFile());
    } catch (FleetLock.Busy e) {
      console.problem(e.getMessage());
      return 1;
    }
    AtomicBoolean settled = new AtomicBoolean(false);
    Thread stopOnExit =
        new Thread(
            () -> {
              if (!settled.getAndSet(true)) {
                console.problem("\nInterrupted: stopping the fleet.");
                stopAll(STOP_GRACE);
              }
            },
            "budai-stop-on-exit");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    boolean foregroundRunning = false;
    try {
      int result = start(options);
      if (result != 0) {
        if (!options.keepGoing() && settled.compareAndSet(false, true)) {
          console.problem(
              "Stopping the fleet (--keep-going would keep the healthy services running).");
          stopAll(STOP_GRACE);
        }
        return result;
      }
      if (!options.foreground()) {
        return 0;
      }
      foregroundRunning = true;
      lock.close();
      return runInForeground(settled);
    } catch (ProvisioningException e) {
      console.problem(e.getMessage());
      if (settled.compareAndSet(false, true)) {
        stopAll(STOP_GRACE);
      }
      return 1;
    } finally {
      settled.set(true);
      if (!foregroundRunning) {
        lock.close();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(stopOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or has run: nothing to remove
      }
    }
  }

  private int start(UpOptions options) {
    Instant begin = Instant.now();
    console.line(
        "BudAI: starting the local fleet (state in " + workspace.display(workspace.home()) + ")");
    Secrets.Secret admin =
        Secrets.resolve(workspace.adminTokenFile(), environment.get("ADMIN_API_TOKEN"));
    Secrets.Secret internal =
        Secrets.resolve(workspace.internalTokenFile(), environment.get("BUDAI_INTERNAL_TOKEN"));
    if (admin.source() == Secrets.Source.GENERATED) {
      console.line("Generated the admin token (" + workspace.display(admin.file()) + ")");
    }
    if (internal.source() == Secrets.Source.GENERATED) {
      console.line(
          "Generated the internal service token (" + workspace.display(internal.file()) + ")");
    }

    Map<FleetService, ProcessRecord> running = new LinkedHashMap<>();
    List<FleetService> toStart = new ArrayList<>();
    for (FleetService service : ServiceCatalog.SERVICES) {
      Optional<ProcessRecord> record = state.find(service.module());
      if (record.isPresent() && record.get().isAlive()) {
        running.put(service, record.get());
      } else {
        state.remove(service.module());
        toStart.add(service);
      }
    }
    if (!running.isEmpty() && toStart.isEmpty()) {
      console.line("BudAI is already running (./budai down, then up, restarts it).");
    } else if (!running.isEmpty()) {
      console.line(
          "%d services already running; starting the other %d (down, then up, restarts them all)."
              .formatted(running.size(), toStart.size()));
    }

    Map<FleetService, Path> jars = jars(toStart, options.build());
    if (jars == null) {
      return 1;
    }
    Map<FleetService, ServiceApps.App> apps = apps(jars);

    RedisProvisioner redisProvisioner =
        new RedisProvisioner(workspace, state, launcher, console, machineBinariesAllowed());
    PostgresProvisioner postgresProvisioner =
        new PostgresProvisioner(workspace, state, launcher, console, machineBinariesAllowed());
    Provisioned redis = redisProvisioner.provision(environment, INFRA_TIMEOUT);
    Provisioned postgres = postgresProvisioner.provision(environment, INFRA_TIMEOUT);

    String bind = environment.get("BUDAI_BIND_ADDRESS").orElse("127.0.0.1");
    Map<String, Integer> ports = new LinkedHashMap<>();
    running.forEach((service, record) -> ports.put(service.module(), record.port()));
    Set<Integer> reserved = new HashSet<>(ports.values());
    redis.record().ifPresent(r -> reserved.add(r.port()));
    postgres.record().ifPresent(r -> reserved.add(r.port()));
    List<PortAllocator.Request> requests = new ArrayList<>();
    for (FleetService service : toStart) {
      Optional<Integer> preferred = preferredPort(service);
      if (preferred.isEmpty()) {
        return 1;
      }
      requests.add(new PortAllocator.Request(service.module(), preferred.get()));
    }
    PortAllocator.Allocation allocation =
        new PortAllocator(PortProbe.binding(bind))
            .allocate(requests, reserved, options.strictPorts());
    allocation.notices().forEach(notice -> console.line("Port        " + notice));
    if (!allocation.ok()) {
      allocation.errors().forEach(error -> console.problem("Port        " + error));
      return 1;
    }
    ports.putAll(allocation.ports());

    FleetPlan plan =
        new FleetPlan(
            ports, bind, redis.url(), Optional.of(postgres.url()), admin.value(), internal.value());
    state.saveFleetVariables(plan.sharedVariables());

    List<StartupSupervisor.Watched> alreadyRunning = new ArrayList<>();
    running.forEach(
        (service, record) ->
            alreadyRunning.add(new StartupSupervisor.Watched(record, Optional.empty())));
    if (!toStart.isEmpty()) {
      console.line(
          "Starting %d services%s, logs in %s/ ..."
              .formatted(
                  toStart.size(),
                  options.inDependencyOrder() ? " in dependency order" : "",
                  workspace.display(workspace.logs())));
    }
    ServiceProcessSpecs specs =
        new ServiceProcessSpecs(javaExecutable(), workspace, environment.variables());
    StartupSupervisor supervisor =
        new StartupSupervisor(console, workspace, healthProbe(), POLL, PROGRESS);
    Instant deadline = Instant.now().plus(options.timeout());
    List<String> healthy = new ArrayList<>();
    List<StartupSupervisor.Failure> failures = new ArrayList<>();
    List<List<FleetService>> waves = waves(toStart, options.inDependencyOrder());
    for (int i = 0; i < waves.size(); i++) {
      List<StartupSupervisor.Watched> watched =
          new ArrayList<>(i == 0 ? alreadyRunning : List.of());
      for (FleetService service : waves.get(i)) {
        try {
          Launcher.Launched launched =
              launcher.start(
                  specs.spec(
                      service,
                      plan,
                      apps.get(service),
                      options.serviceVariables().getOrDefault(service.module(), Map.of())),
                  ProcessRecord.Kind.SERVICE,
                  plan.port(service),
                  plan.url(service));
          state.save(launched.record());
          watched.add(
              new StartupSupervisor.Watched(launched.record(), Optional.of(launched.process())));
        } catch (IOException e) {
          console.problem("Cannot start " + service.module() + ": " + e.getMessage());
          return 1;
        }
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (waves.size() > 1) {
        console.line(
            "Tier %d/%d: waiting for %s to be healthy ..."
                .formatted(
                    i + 1,
                    waves.size(),
                    String.join(", ", waves.get(i).stream().map(FleetService::module).toList())));
      } else {
        console.line(
            "Waiting for every service to be healthy (at most "
                + Console.shortDuration(options.timeout())
                + ") ...");
      }
      StartupSupervisor.Outcome outcome =
          supervisor.await(watched, left.isNegative() ? Duration.ZERO : left, options.keepGoing());
      healthy.addAll(outcome.healthy());
      failures.addAll(outcome.failures());
      if (!outcome.ok() && !options.keepGoing()) {
        break;
      }
    }
    if (!failures.isEmpty()) {
      if (options.keepGoing()) {
        printSummary(plan, redis, postgres, admin, healthy.size(), begin);
        console.problem(
            "Not healthy: "
                + String.join(", ", failures.stream().map(StartupSupervisor.Failure::name).toList())
                + " (--keep-going: the others keep running).");
      }
      return 1;
    }
    printSummary(plan, redis, postgres, admin, healthy.size(), begin);
    return 0;
  }

  /** All at once, or the tiers of {@link ServiceCatalog#tiers()} that have something to start. */
  private static List<List<FleetService>> waves(List<FleetService> toStart, boolean inOrder) {
    if (!inOrder) {
      return List.of(toStart);
    }
    List<List<FleetService>> waves = new ArrayList<>();
    for (List<FleetService> tier : ServiceCatalog.tiers()) {
      List<FleetService> wave = tier.stream().filter(toStart::contains).toList();
      if (!wave.isEmpty()) {
        waves.add(wave);
      }
    }
    return waves.isEmpty() ? List.of(List.of()) : waves;
  }

  /** The jar of each service to start, building first when asked; null when one is missing. */
  private Map<FleetService, Path> jars(List<FleetService> services, boolean build) {
    BuildPlan buildPlan = new BuildPlan(workspace.root());
    if (build && !services.isEmpty()) {
      Map<String, String> stale = buildPlan.stale(services);
      if (!stale.isEmpty()) {
        console.line("Building %d service(s):".formatted(stale.size()));
        stale.forEach((module, why) -> console.line("  %s: %s".formatted(module, why)));
        Path javaHome = Path.of(System.getProperty("java.home"));
        if (!Files.isExecutable(javaHome.resolve("bin").resolve("javac"))) {
          javaHome = environment.get("JAVA_HOME").map(Path::of).orElse(javaHome);
        }
        if (!new MavenBuild(workspace, console, javaHome).build(stale.keySet())) {
          return null;
        }
      }
    }
    Map<FleetService, Path> jars = new LinkedHashMap<>();
    for (FleetService service : services) {
      Optional<Path> jar = buildPlan.jar(service.module());
      if (jar.isEmpty()) {
        console.problem(
            "No jar for %s under %s/target/: run ./budai up without --no-build (or ./mvnw package)."
                .formatted(service.module(), service.module()));
        return null;
      }
      jars.put(service, jar.get());
    }
    return jars;
  }

  /**
   * Unpacks the jars for class-data sharing (see {@link ServiceApps}), one per core at a time,
   * unless {@code BUDAI_CDS=false}.
   */
  private Map<FleetService, ServiceApps.App> apps(Map<FleetService, Path> jars) {
    Map<FleetService, ServiceApps.App> apps = new LinkedHashMap<>();
    if (!environment.get("BUDAI_CDS").map(Boolean::parseBoolean).orElse(true)) {
      jars.forEach((service, jar) -> apps.put(service, new ServiceApps.App(jar, Optional.empty())));
      return apps;
    }
    ServiceApps unpacker = new ServiceApps(workspace.apps(), javaExecutable(), console);
    Instant start = Instant.now();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
    try {
      Map<FleetService, Future<ServiceApps.App>> pending = new LinkedHashMap<>();
      jars.forEach(
          (service, jar) ->
              pending.put(service, pool.submit(() -> unpacker.prepare(service.module(), jar))));
      for (Map.Entry<FleetService, Future<ServiceApps.App>> entry : pending.entrySet()) {
        try {
          apps.put(entry.getKey(), entry.getValue().get());
        } catch (ExecutionException e) {
          apps.put(entry.getKey(), new ServiceApps.App(jars.get(entry.getKey()), Optional.empty()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ProvisioningException("interrupted while unpacking the service jars");
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Duration took = Duration.between(start, Instant.now());
    if (took.toSeconds() >= 1) {
      console.line(
          "Unpacked the service jars in " + Console.seconds(took) + " (for class-data sharing)");
    }
    return apps;
  }

  private Optional<Integer> preferredPort(FleetService service) {
    Optional<String> value = environment.get(service.portVariable());
    if (value.isEmpty()) {
      return Optional.of(service.defaultPort());
    }
    try {
      int port = Integer.parseInt(value.get().strip());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return Optional.of(port);
    } catch (NumberFormatException e) {
      console.problem(
          "%s=%s is not a port (1-65535)".formatted(service.portVariable(), value.get()));
      return Optional.empty();
    }
  }

  private boolean machineBinariesAllowed() {
    return !environment.get("BUDAI_EMBEDDED_INFRA").map(Boolean::parseBoolean).orElse(false);
  }

  private static Path javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  private static Function<ProcessRecord, Health> healthProbe() {
    return record ->
        switch (record.kind()) {
          case SERVICE -> Health.service(record.url());
          case REDIS -> Health.redis(record.url());
          case POSTGRES -> Health.postgres(record.url());
        };
  }

  private void printSummary(
      FleetPlan plan,
      Provisioned redis,
      Provisioned postgres,
      Secrets.Secret admin,
      int healthy,
      Instant begin) {
    String gateway = plan.url(ServiceCatalog.GATEWAY);
    console.line();
    console.line(
        "BudAI is up: %d/%d services healthy in %s."
            .formatted(
                healthy,
                ServiceCatalog.SERVICES.size(),
                Console.seconds(Duration.between(begin, Instant.now()))));
    console.line();
    for (FleetService service : ServiceCatalog.SERVICES) {
      console.line(
          "  %-27s %s%s"
              .formatted(
                  service.module(),
                  plan.url(service),
                  service == ServiceCatalog.GATEWAY
                      ? "   <- the API, /console, /docs and /admin/**"
                      : ""));
    }
    console.line(
        "  %-27s %s (%s)"
            .formatted(
                "Redis",
                DatabaseUrl.redact(redis.url()),
                redis.isPrivate() ? "private" : "external"));
    console.line(
        "  %-27s %s (%s)"
            .formatted(
                "PostgreSQL",
                DatabaseUrl.redact(postgres.url()),
                postgres.isPrivate() ? "private" : "external"));
    console.line();
    console.line(
        "Admin token: "
            + admin.value()
            + (admin.source() == Secrets.Source.ENVIRONMENT
                ? "  (from ADMIN_API_TOKEN)"
                : "  (kept in "
                    + workspace.display(admin.file())
                    + "; ADMIN_API_TOKEN overrides it)"));
    DemoKey.Result demo = new DemoKey().ensure(gateway, admin.value(), workspace.demoKeyFile());
    if (demo.key().isPresent()) {
      console.line(
          "Demo API key:  %s  (user %s, scopes bot,tx; %s; kept in %s)"
              .formatted(
                  demo.key().get(),
                  DemoKey.EMAIL,
                  demo.detail(),
                  workspace.display(workspace.demoKeyFile())));
    } else {
      console.line("Demo API key: none (" + demo.detail() + ")");
    }
    console.line();
    console.line(
        "Web console: %s/console/ (sign in with the demo key, or with the admin token to manage"
                .formatted(gateway)
            + " users and keys)");
    console.line("Or create a user, then an API key for it:");
    console.line(
        "  curl -X POST %s/admin/users -H \"X-Admin-API-Key: %s\" \\"
            .formatted(gateway, admin.value()));
    console.line(
        "       -H 'Content-Type: application/json' -d '{\"email\":\"you@example.com\",\"name\":\"You\"}'");
    console.line(
        "  curl -X POST %s/admin/users/{id}/tokens -H \"X-Admin-API-Key: %s\""
            .formatted(gateway, admin.value()));
    console.line("  then call the API with -H \"X-API-Key: <the token returned>\".");
    console.line();
    console.line(
        "./budai status | ./budai logs SERVICE [-f] | ./budai down | eval \"$(./budai env --export)\"");
  }

  private int runInForeground(AtomicBoolean settled) {
    console.line();
    console.line("Running in the foreground: Ctrl-C stops everything.");
    Map<String, ProcessRecord> alive = new LinkedHashMap<>();
    for (ProcessRecord record : state.records()) {
      if (record.kind() == ProcessRecord.Kind.SERVICE) {
        alive.put(record.name(), record);
      }
    }
    while (!alive.isEmpty()) {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (settled.get()) {
        break; // Ctrl-C: the shutdown hook is stopping everything
      }
      for (ProcessRecord record : List.copyOf(alive.values())) {
        if (!record.isAlive()) {
          alive.remove(record.name());
          console.problem(
              "%s stopped (pid %d); ./budai logs %s shows why."
                  .formatted(record.name(), record.pid(), record.name()));
        }
      }
    }
    if (settled.compareAndSet(false, true)) {
      console.line("Every service has stopped; stopping Redis and PostgreSQL.");
      stopAll(STOP_GRACE);
    }
    return 0;
  }

  // --------------------------------------------------------------------------------- preflight

  /** The shared variables of the running fleet ({@code budai env}), if it runs. */
  public Optional<Map<String, String>> runningVariables() {
    return state.fleetVariables();
  }

  /**
   * What {@code up} would run into, checked without starting anything: an external Redis or
   * PostgreSQL ({@code REDIS_URL}, {@code DATABASE_URL}) that does not answer or is malformed, two
   * services wanting one port, a preferred port taken by another process (a problem with {@code
   * strictPorts}, else a note: {@code up} picks another). Notes go to {@code notes}.
   */
  public List<String> preflight(boolean strictPorts, List<String> notes) {
    List<String> problems = new ArrayList<>();
    Optional<String> redisUrl = environment.get("REDIS_URL");
    if (redisUrl.isPresent()) {
      try {
        Health redis = Health.redis(redisUrl.get());
        if (redis.up()) {
          notes.add("Redis: " + DatabaseUrl.redact(redisUrl.get()) + " answers PING");
        } else {
          problems.add(
              "Redis at %s is unreachable (%s)"
                  .formatted(DatabaseUrl.redact(redisUrl.get()), redis.label()));
        }
      } catch (IllegalArgumentException e) {
        problems.add("REDIS_URL is not a URL: " + e.getMessage());
      }
    } else {
      notes.add(
          "Redis: a private redis-server, started by budai ("
              + workspace.display(workspace.data())
              + "/redis)");
    }
    Optional<String> databaseUrl = environment.get("DATABASE_URL");
    if (databaseUrl.isPresent()) {
      try {
        Health postgres = Health.postgres(databaseUrl.get());
        if (postgres.up()) {
          notes.add("PostgreSQL: " + DatabaseUrl.redact(databaseUrl.get()) + " answers SELECT 1");
        } else {
          problems.add(
              "PostgreSQL at %s is unreachable (%s)"
                  .formatted(DatabaseUrl.redact(databaseUrl.get()), postgres.label()));
        }
      } catch (IllegalArgumentException e) {
        problems.add("DATABASE_URL is malformed: " + e.getMessage());
      }
    } else {
      notes.add(
          "PostgreSQL: a private server, started by budai ("
              + workspace.display(workspace.data())
              + "/postgres)");
    }
    String bind = environment.get("BUDAI_BIND_ADDRESS").orElse("127.0.0.1");
    PortProbe probe = PortProbe.binding(bind);
    Map<Integer, String> wanted = new LinkedHashMap<>();
    for (FleetService service : ServiceCatalog.SERVICES) {
      Optional<Integer> port;
      Optional<String> value = environment.get(service.portVariable());
      try {
        port =
            Optional.of(value.map(v -> Integer.parseInt(v.strip())).orElse(service.defaultPort()));
        if (port.get() < 1 || port.get() > 65535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        problems.add(
            "%s=%s is not a port (1-65535)".formatted(service.portVariable(), value.orElse("")));
        continue;
      }
      String other = wanted.putIfAbsent(port.get(), service.module());
      if (other != null) {
        problems.add(
            "port %d is wanted by both %s and %s (set %s)"
                .formatted(port.get(), other, service.module(), service.portVariable()));
        continue;
      }
      Optional<ProcessRecord> record = state.find(service.module());
      if (record.isPresent() && record.get().isAlive()) {
        notes.add(
            "%s already runs (pid %d, port %d)"
                .formatted(service.module(), record.get().pid(), record.get().port()));
      } else if (!probe.isFree(port.get())) {
        String text =
            "port %d for %s is taken by another process".formatted(port.get(), service.module());
        if (strictPorts) {
          problems.add(text + " (strict_ports: up would fail)");
        } else {
          notes.add(text + ": up will pick the next free one");
        }
      }
    }
    return problems;
  }

  // -------------------------------------------------------------------------------------- down

  /** Stops everything the CLI started: services first, then the private Redis and PostgreSQL. */
  public int down(Duration grace) {
    try (FleetLock ignored = FleetLock.acquire(workspace.lockFile())) {
      if (state.records().isEmpty()) {
        state.clearFleetVariables();
        console.line("BudAI is not running.");
        return 0;
      }
      return stopAll(grace) ? 0 : 1;
    } catch (FleetLock.Busy e) {
      console.problem(e.getMessage());
      return 1;
    }
  }

  /** Stops every recorded process; true when none is left running. */
  private boolean stopAll(Duration grace) {
    List<ProcessRecord> records = state.records();
    List<ProcessRecord> services =
        records.stream().filter(r -> r.kind() == ProcessRecord.Kind.SERVICE).toList();
    List<ProcessRecord> infrastructure =
        records.stream().filter(r -> r.kind() != ProcessRecord.Kind.SERVICE).toList();
    boolean clean = true;
    if (!services.isEmpty()) {
      console.line("Stopping %d services ...".formatted(services.size()));
      clean &= report(stopper.stop(services, grace));
    }
    if (!infrastructure.isEmpty()) {
      clean &= report(stopper.stop(infrastructure, grace));
    }
    if (clean) {
      state.clearFleetVariables();
    }
    return clean;
  }

  private boolean report(List<Stopper.Result> results) {
    boolean clean = true;
    for (Stopper.Result result : results) {
      ProcessRecord record = result.record();
      String what = "%s (pid %d)".formatted(record.name(), record.pid());
      switch (result.outcome()) {
        case STOPPED ->
            console.line("  stopped %s in %s".formatted(what, Console.seconds(result.took())));
        case KILLED ->
            console.problem(
                "  killed  %s: still running %s after its stop signal"
                    .formatted(what, Console.seconds(result.took())));
        case NOT_RUNNING -> console.line("  gone    %s was no longer running".formatted(what));
        case STILL_RUNNING -> {
          console.problem("  FAILED  %s survived SIGKILL; check it by hand".formatted(what));
          clean = false;
        }
      }
      if (result.outcome() != Stopper.Outcome.STILL_RUNNING) {
        state.remove(record.name());
      }
    }
    return clean;
  }

  // ------------------------------------------------------------------------------------ status

  /** Prints the table of what runs; 0 when every part is healthy. */
  public int status() {
    Optional<Map<String, String>> variables = state.fleetVariables();
    List<ProcessRecord> records = state.records();
    if (records.isEmpty() && variables.isEmpty()) {
      console.line("BudAI is not running (./budai up starts it).");
      return NOT_RUNNING;
    }
    Instant now = Instant.now();
    List<String[]> rows = new ArrayList<>();
    boolean allUp = true;
    allUp &= infraRow(rows, "redis", RedisProvisioner.NAME, "REDIS_URL", variables, now);
    allUp &= infraRow(rows, "postgres", PostgresProvisioner.NAME, "DATABASE_URL", variables, now);
    int healthy = 0;
    for (FleetService service : ServiceCatalog.SERVICES) {
      Optional<ProcessRecord> record = state.find(service.module());
      if (record.isEmpty()) {
        rows.add(new String[] {service.module(), "-", "-", "not started", "-"});
        allUp = false;
      } else if (!record.get().isAlive()) {
        rows.add(
            new String[] {
              service.module(), "-", Integer.toString(record.get().port()), "stopped", "-"
            });
        allUp = false;
      } else {
        Health health = Health.service(record.get().url());
        healthy += health.up() ? 1 : 0;
        allUp &= health.up();
        rows.add(row(service.module(), record.get(), health, now));
      }
    }
    printTable(rows);
    console.line();
    console.line(
        "%d/%d services healthy; gateway at %s"
            .formatted(
                healthy,
                ServiceCatalog.SERVICES.size(),
                variables.map(v -> v.get(ServiceCatalog.GATEWAY_URL_VARIABLE)).orElse("-")));
    return allUp ? 0 : 1;
  }

  private boolean infraRow(
      List<String[]> rows,
      String label,
      String name,
      String variable,
      Optional<Map<String, String>> variables,
      Instant now) {
    Optional<ProcessRecord> record = state.find(name);
    if (record.isPresent()) {
      if (!record.get().isAlive()) {
        rows.add(
            new String[] {
              label + " (private)", "-", Integer.toString(record.get().port()), "stopped", "-"
            });
        return false;
      }
      Health health =
          record.get().kind() == ProcessRecord.Kind.REDIS
              ? Health.redis(record.get().url())
              : Health.postgres(record.get().url());
      rows.add(row(label + " (private)", record.get(), health, now));
      return health.up();
    }
    Optional<String> url = variables.map(v -> v.get(variable));
    if (url.isEmpty()) {
      return true;
    }
    URI uri = URI.create(url.get().replaceFirst("^jdbc:", ""));
    int port = uri.getPort();
    Health health = Health.reachable(uri.getHost(), port > 0 ? port : defaultPort(name));
    rows.add(
        new String[] {
          label + " (external)",
          "-",
          Integer.toString(port > 0 ? port : defaultPort(name)),
          health.up() ? "reachable" : "unreachable",
          "-"
        });
    return health.up();
  }

  private static int defaultPort(String name) {
    return RedisProvisioner.NAME.equals(name) ? 6379 : 5432;
  }

  private static String[] row(String name, ProcessRecord record, Health health, Instant now) {
    return new String[] {
      name,
      Long.toString(record.pid()),
      Integer.toString(record.port()),
      health.label(),
      Console.shortDuration(record.uptime(now))
    };
  }

  private void printTable(List<String[]> rows) {
    String[] header = {"SERVICE", "PID", "PORT", "HEALTH", "UPTIME"};
    int[] widths = new int[header.length];
    for (int i = 0; i < header.length; i++) {
      widths[i] = header[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    String format =
        "%-" + widths[0] + "s  %" + widths[1] + "s  %" + widths[2] + "s  %-" + widths[3] + "s  %s";
    console.line(format.formatted((Object[]) header).stripTrailing());
    for (String[] row : rows) {
      console.line(format.formatted((Object[]) row).stripTrailing());
    }
  }

  // -------------------------------------------------------------------------------------- logs

  /** Prints the last {@code lines} of a log, then follows it when asked. */
  public int logs(String name, boolean follow, int lines) {
    Optional<Path> log = logOf(name);
    if (log.isEmpty()) {
      return 2;
    }
    if (!Files.isRegularFile(log.get())) {
      console.problem("No log yet at " + workspace.display(log.get()) + " (./budai up writes it).");
      return NOT_RUNNING;
    }
    LogTail.last(log.get(), lines).forEach(console.out()::println);
    console.out().flush();
    if (follow) {
      follow(log.get());
    }
    return 0;
  }

  private Optional<Path> logOf(String name) {
    Set<String> others = Set.of(RedisProvisioner.NAME, PostgresProvisioner.NAME, "build");
    if (others.contains(name)) {
      return Optional.of(workspace.logFile(name));
    }
    List<FleetService> matches = ServiceCatalog.match(name);
    if (matches.size() == 1) {
      return Optional.of(workspace.logFile(matches.getFirst().module()));
    }
    List<String> known =
        new ArrayList<>(ServiceCatalog.SERVICES.stream().map(FleetService::module).toList());
    known.addAll(List.of(RedisProvisioner.NAME, PostgresProvisioner.NAME, "build"));
    console.problem(
        (matches.isEmpty() ? "Unknown service '%s'." : "'%s' matches several services.")
                .formatted(name)
            + " One of: "
            + String.join(
                ", ",
                matches.isEmpty() ? known : matches.stream().map(FleetService::module).toList()));
    return Optional.empty();
  }

  /** Prints what is appended to {@code log} until the process is interrupted (Ctrl-C). */
  private void follow(Path log) {
    long position;
    try {
      position = Files.size(log);
    } catch (IOException e) {
      position = 0;
    }
    byte[] buffer = new byte[8192];
    while (!Thread.currentThread().isInterrupted()) {
      try {
        long size = Files.exists(log) ? Files.size(log) : 0;
        if (size < position) {
          position = 0; // rotated by a new ./budai up: start over on the new file
        }
        if (size > position) {
          try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(position);
            int read;
            while ((read = file.read(buffer)) > 0) {
              console.out().write(buffer, 0, read);
              position += read;
            }
          }
          console.out().flush();
        }
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        console.problem("Cannot read " + log + ": " + e.getMessage());
        return;
      }
    }
  }

  // --------------------------------------------------------------------------------------- env

  /** Prints the running fleet's shared variables as {@code KEY=value} lines a shell can source. */
  public int env(boolean export) {
    Optional<Map<String, String>> variables = state.fleetVariables();
    if (variables.isEmpty()) {
      console.problem("BudAI is not running (./budai up starts it).");
      return NOT_RUNNING;
    }
    variables
        .get()
        .forEach(
            (key, value) ->
                console.out().println((export ? "export " : "") + key + "=" + quote(value)));
    console.out().flush();
    return 0;
  }

  /** The value as a shell word: as it is when it holds nothing special, else single-quoted. */
  static String quote(String value) {
    if (SAFE_SHELL.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
