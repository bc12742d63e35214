package io.budai.deploy.spec;

import io.budai.deploy.catalog.FleetService;
import io.budai.deploy.catalog.ServiceCatalog;
import io.budai.deploy.catalog.ServiceNeeds;
import io.budai.deploy.config.CliContext;
import io.budai.deploy.config.FleetEnvironment;
import io.budai.deploy.local.LocalFleet;
import io.budai.deploy.local.UpOptions;
import io.budai.deploy.target.Checks;
import io.budai.deploy.target.ComposeTarget;
import io.budai.deploy.target.DeployTarget;
import io.budai.deploy.target.KubernetesTarget;
import io.budai.deploy.target.RailwayTarget;
import io.budai.deploy.target.TargetRun;
import io.budai.deploy.verify.Verifier;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@code explain}, {@code validate}, {@code deploy} and {@code verify} do with one spec. */
final class SpecWork {

  /** Exit code when the spec itself cannot be read or has problems. */
  static final int BAD_SPEC = 2;

  private final CliContext context;
  private final PrintStream out;
  private final PrintStream err;
  private final FleetEnvironment environment;
  private final Path home;

  SpecWork(CliContext context) {
    this.context = context;
    this.out = context.out();
    this.err = context.err();
    this.environment = context.fleetEnvironment();
    this.home = environment.home(context.root());
  }

  /** Reads the spec; prints its problems and returns empty when it has any. */
  Optional<DeploySpec> load(Path file) {
    Path resolved = file.isAbsolute() ? file : resolve(file);
    SpecReader.Result result = SpecReader.read(resolved);
    if (!result.ok()) {
      err.println(display(resolved) + " has " + count(result.problems().size(), "problem") + ":");
      result.problems().forEach(problem -> err.println("  - " + problem));
      return Optional.empty();
    }
    return result.spec();
  }

  private Path resolve(Path file) {
    Path fromCwd = file.toAbsolutePath();
    if (fromCwd.toFile().exists()) {
      return fromCwd.normalize();
    }
    return context.root().resolve(file).normalize();
  }

  // ----------------------------------------------------------------------------------- explain

  int explain(DeploySpec spec) {
    SpecSecrets.Resolved secrets = secrets(spec, false);
    Optional<DeployTarget> target = target(spec, secrets);
    out.printf(
        "Spec %s (%s): target %s, %d services, %d instances.%n",
        spec.name(),
        display(spec.file()),
        spec.target().wire(),
        spec.services().size(),
        spec.services().values().stream().mapToInt(ServiceSpec::replicas).sum());
    out.println();
    out.println("Plan, in dependency order (each tier healthy before the next starts):");
    out.println("  tier 0  infrastructure");
    List<String> infrastructure =
        target.map(DeployTarget::infrastructure).orElseGet(this::localInfrastructure);
    infrastructure.forEach(line -> out.println("          " + line));
    int tier = 0;
    for (FleetService service : ServiceCatalog.inStartOrder()) {
      ServiceNeeds needs = ServiceCatalog.needs(service);
      if (needs.tier() != tier) {
        tier = needs.tier();
        out.println("  tier " + tier + "  " + tierName(tier));
      }
      ServiceSpec settings = spec.service(service);
      out.printf(
          "          %-26s port %d, %s  %s%n",
          service.module(),
          port(spec, service),
          count(settings.replicas(), "replica"),
          needs.role());
      List<String> requires = new ArrayList<>();
      requires.add("Redis");
      if (service.usesPostgres()) {
        requires.add("PostgreSQL");
      }
      needs.secrets().stream()
          .filter(s -> !s.equals(ServiceCatalog.DATABASE_URL))
          .forEach(requires::add);
      out.println("            needs: " + String.join(", ", requires));
      if (!needs.calls().isEmpty()) {
        out.println("            calls: " + String.join(", ", needs.calls()));
      }
      if (!needs.optional().isEmpty()) {
        List<String> optional = new ArrayList<>();
        for (String key : needs.optional()) {
          boolean set =
              secrets.values().containsKey(key)
                  || spec.variablesOf(service).containsKey(key)
                  || (spec.target() == Target.LOCAL && environment.get(key).isPresent());
          optional.add(key + (set ? " (set)" : " (unset)"));
        }
        out.println(
            "            optional: "
                + String.join(", ", optional)
                + "; unset keys keep the offline default");
      }
      Map<String, String> variables = spec.variablesOf(service);
      if (!settings.variables().isEmpty()) {
        out.println(
            "            own variables: " + String.join(", ", settings.variables().keySet()));
      }
      if (variables.isEmpty() && settings.variables().isEmpty()) {
        continue;
      }
    }
    out.println();
    if (!spec.variables().isEmpty()) {
      out.println("Variables for every service: " + String.join(", ", spec.variables().keySet()));
    }
    out.println("Secrets (by reference; values are never printed):");
    secrets.notes().forEach(note -> out.println("  " + note));
    secrets.missing().forEach(missing -> out.println("  MISSING: " + missing));
    out.println();
    out.println("deploy runs:");
    List<String> steps = target.map(DeployTarget::steps).orElseGet(() -> localSteps(spec));
    for (int i = 0; i < steps.size(); i++) {
      out.println("  " + (i + 1) + ". " + steps.get(i));
    }
    return 0;
  }

  private static String tierName(int tier) {
    return switch (tier) {
      case 1 -> "orchestrator";
      case 2 -> "agents";
      case 3 -> "voice, Slack, bot manager, collector, admin";
      case 4 -> "gateway";
      default -> "";
    };
  }

  private int port(DeploySpec spec, FleetService service) {
    if (spec.target() == Target.LOCAL) {
      return environment
          .get(service.portVariable())
          .flatMap(SpecWork::parsePort)
          .orElse(service.defaultPort());
    }
    return service.defaultPort();
  }

  private static Optional<Integer> parsePort(String value) {
    try {
      return Optional.of(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private List<String> localInfrastructure() {
    return List.of(
        "Redis       "
            + (environment.get("REDIS_URL").isPresent()
                ? "external: REDIS_URL (checked by validate, never started or changed)"
                : "a private redis-server started by budai (AOF, data in $BUDAI_HOME/data/redis)"),
        "PostgreSQL  "
            + (environment.get("DATABASE_URL").isPresent()
                ? "external: DATABASE_URL (checked by validate, never started or changed)"
                : "a private PostgreSQL started by budai (data in $BUDAI_HOME/data/postgres)"));
  }

  private List<String> localSteps(DeploySpec spec) {
    return List.of(
        "build the service jars that are missing or stale (./mvnw package -pl … -am)",
        "start Redis and PostgreSQL (or check the external ones), then each tier's JVMs"
            + " (./budai up's machinery, state in "
            + display(home)
            + ")",
        "wait for each tier's /actuator/health before the next (at most "
            + spec.intOption("timeout", 300)
            + " s in all)",
        "./budai verify --spec " + display(spec.file()) + " checks health and a smoke flow");
  }

  // ---------------------------------------------------------------------------------- validate

  int validate(DeploySpec spec) {
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    environment.dotEnvProblems().forEach(p -> problems.add(".env " + p));
    SpecSecrets.Resolved secrets = secrets(spec, false);
    problems.addAll(secrets.missing());
    notes.addAll(secrets.notes());
    Optional<DeployTarget> target = target(spec, secrets);
    if (target.isPresent()) {
      Checks checks = target.get().check();
      problems.addAll(checks.problems());
      notes.addAll(checks.notes());
    } else {
      problems.addAll(
          localFleet(spec, secrets).preflight(spec.boolOption("strict_ports", false), notes));
    }
    out.println(
        "Spec "
            + spec.name()
            + " ("
            + display(spec.file())
            + "), target "
            + spec.target().wire()
            + ":");
    notes.forEach(note -> out.println("  note: " + note));
    if (problems.isEmpty()) {
      out.println("valid: the spec and this environment are ready to deploy.");
      return 0;
    }
    err.println("invalid: " + count(problems.size(), "problem") + ":");
    problems.forEach(problem -> err.println("  - " + problem));
    return 1;
  }

  // ------------------------------------------------------------------------------------ deploy

  int deploy(DeploySpec spec) {
    SpecSecrets.Resolved secrets = secrets(spec, spec.target() == Target.LOCAL);
    if (!secrets.complete()) {
      err.println("Cannot deploy " + spec.name() + ":");
      secrets.missing().forEach(missing -> err.println("  - " + missing));
      return 1;
    }
    Optional<DeployTarget> target = target(spec, secrets);
    if (target.isPresent()) {
      out.println("Deploying " + spec.name() + " to " + spec.target().wire() + " ...");
      return target.get().deploy();
    }
    Map<String, Map<String, String>> own = new LinkedHashMap<>();
    for (ServiceSpec service : spec.services().values()) {
      if (!service.variables().isEmpty()) {
        own.put(service.service().module(), service.variables());
      }
    }
    return localFleet(spec, secrets)
        .up(
            new UpOptions(
                false,
                false,
                spec.boolOption("build", true),
                spec.boolOption("strict_ports", false),
                Duration.ofSeconds(spec.intOption("timeout", 300)),
                true,
                own));
  }

  // ------------------------------------------------------------------------------------ verify

  int verify(DeploySpec spec) {
    SpecSecrets.Resolved secrets = secrets(spec, false);
    Verifier verifier = new Verifier(out, err);
    if (spec.target() == Target.LOCAL) {
      Optional<Map<String, String>> running = localFleet(spec, secrets).runningVariables();
      if (running.isEmpty()) {
        err.println(
            "Nothing runs for "
                + display(home)
                + ": ./budai deploy --spec "
                + display(spec.file())
                + " first.");
        return LocalFleet.NOT_RUNNING;
      }
      Map<String, String> urls = new LinkedHashMap<>();
      for (FleetService service : ServiceCatalog.inStartOrder()) {
        Optional.ofNullable(running.get().get(service.urlVariable()))
            .ifPresent(url -> urls.put(service.module(), url));
      }
      return verifier.verify(
          running.get().get(ServiceCatalog.GATEWAY_URL_VARIABLE),
          running.get().get(ServiceCatalog.ADMIN_TOKEN),
          urls,
          Optional.empty());
    }
    Optional<DeployTarget> target = target(spec, secrets);
    Optional<String> gateway = target.flatMap(DeployTarget::gatewayUrl);
    if (gateway.isEmpty()) {
      err.println(
          "Where is the gateway? Set "
              + spec.target().wire()
              + ".gateway_url in "
              + display(spec.file())
              + ".");
      return BAD_SPEC;
    }
    String admin = secrets.values().get(ServiceCatalog.ADMIN_TOKEN);
    if (admin == null) {
      err.println(
          "verify needs the admin token: set "
              + spec.secrets().get(ServiceCatalog.ADMIN_TOKEN).from()
              + " in the environment (or .env).");
      return 1;
    }
    return verifier.verify(gateway.get(), admin, Map.of(), target.get().serviceHealth());
  }

  // ----------------------------------------------------------------------------------- helpers

  private SpecSecrets.Resolved secrets(DeploySpec spec, boolean generate) {
    return SpecSecrets.resolve(spec, environment, context.root(), home, generate);
  }

  /** The target for compose, kubernetes and railway; empty for local. */
  private Optional<DeployTarget> target(DeploySpec spec, SpecSecrets.Resolved secrets) {
    TargetRun run =
        new TargetRun(
            spec, context.root(), home, secrets.values(), environment.variables(), out, err);
    return switch (spec.target()) {
      case LOCAL -> Optional.empty();
      case COMPOSE -> Optional.of(new ComposeTarget(run));
      case KUBERNETES -> Optional.of(new KubernetesTarget(run));
      case RAILWAY -> Optional.of(new RailwayTarget(run));
    };
  }

  /** The local fleet with the spec's variables and secrets over the invocation's environment. */
  private LocalFleet localFleet(DeploySpec spec, SpecSecrets.Resolved secrets) {
    Map<String, String> merged = new HashMap<>(context.environment());
    merged.putAll(spec.variables());
    merged.putAll(secrets.values());
    return new LocalFleet(new CliContext(context.root(), merged, out, err));
  }

  private String display(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(context.root())
        ? context.root().relativize(absolute).toString()
        : absolute.toString();
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
