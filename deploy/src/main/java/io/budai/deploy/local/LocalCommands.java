package io.budai.deploy.local;

import io.budai.deploy.config.CliContext;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The commands that run the fleet on this machine: {@code up}, {@code down}, {@code status}, {@code
 * logs}, {@code env}.
 */
public final class LocalCommands {

  private LocalCommands() {}

  /** Adds the local-fleet commands to {@code cli}. */
  public static void register(CommandLine cli, CliContext context) {
    cli.addSubcommand("up", new Up(context));
    cli.addSubcommand("down", new Down(context));
    cli.addSubcommand("status", new Status(context));
    cli.addSubcommand("logs", new Logs(context));
    cli.addSubcommand("env", new Env(context));
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = {
        "Builds what is missing or stale, provides Redis and PostgreSQL, starts every service as its"
            + " own JVM, waits until all are healthy and prints their URLs and the admin token.",
        "Detached by default: the fleet keeps running after the command returns."
      })
  static final class Up implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--foreground", description = "Stay attached; Ctrl-C stops everything.")
    boolean foreground;

    @Option(
        names = "--keep-going",
        description = "When a service fails to start, keep the others running.")
    boolean keepGoing;

    @Option(
        names = "--no-build",
        negatable = false,
        description = "Use the jars as they are; fail if one is missing.")
    boolean noBuild;

    @Option(
        names = "--strict-ports",
        description = "Fail when a service's port is taken instead of picking another.")
    boolean strictPorts;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "300",
        description =
            "How long to wait for every service to be healthy (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    Up(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      if (timeoutSeconds <= 0) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--timeout must be a positive number of seconds");
      }
      return new LocalFleet(context)
          .up(
              new UpOptions(
                  foreground,
                  keepGoing,
                  !noBuild,
                  strictPorts,
                  Duration.ofSeconds(timeoutSeconds)));
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description =
          "Stops everything ./budai up started, by pid: services first (SIGTERM, graceful), then"
              + " the private Redis and PostgreSQL; whatever outlives the grace period is killed.")
  static final class Down implements Callable<Integer> {
    private final CliContext context;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "60",
        description =
            "Grace period before SIGKILL (default: ${DEFAULT-VALUE}; the first stop after a build"
                + " writes each service's class-data-sharing archive, which takes a while).")
    long graceSeconds;

    Down(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      return new LocalFleet(context).down(Duration.ofSeconds(Math.max(0, graceSeconds)));
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Prints a table of the fleet: service, pid, port, health, uptime.",
        "Exit code 0 when everything is healthy, 1 when something is not, 3 when nothing runs."
      })
  static final class Status implements Callable<Integer> {
    private final CliContext context;

    Status(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      return new LocalFleet(context).status();
    }
  }

  @Command(
      name = "logs",
      mixinStandardHelpOptions = true,
      description =
          "Prints the log of a service (or redis, postgres, build); a unique prefix such as"
              + " 'gateway' is enough.")
  static final class Logs implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "SERVICE", description = "The service (module name or unique prefix).")
    String service;

    @Option(
        names = {"-f", "--follow"},
        description = "Keep printing what is appended, until Ctrl-C.")
    boolean follow;

    @Option(
        names = {"-n", "--lines"},
        paramLabel = "N",
        defaultValue = "200",
        description = "How many of the last lines to print first (default: ${DEFAULT-VALUE}).")
    int lines;

    Logs(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      return new LocalFleet(context).logs(service, follow, lines);
    }
  }

  @Command(
      name = "env",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the running fleet's variables as KEY=value lines a shell can source:",
        "BUDAI_GATEWAY_URL, ADMIN_API_TOKEN, BUDAI_INTERNAL_TOKEN, REDIS_URL, DATABASE_URL and"
            + " BUDAI_<MODULE>_URL of every service.",
        "  set -a; . <(./budai env); set +a     or     eval \"$(./budai env --export)\""
      })
  static final class Env implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--export", description = "Prefix each line with 'export '.")
    boolean export;

    Env(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      return new LocalFleet(context).env(export);
    }
  }
}
