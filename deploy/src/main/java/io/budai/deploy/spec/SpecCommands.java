package io.budai.deploy.spec;

import io.budai.deploy.config.CliContext;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.ToIntBiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The commands that work from a deploy spec: {@code explain}, {@code validate}, {@code deploy},
 * {@code verify}, each with {@code --spec FILE}.
 */
public final class SpecCommands {

  private SpecCommands() {}

  /** Adds the spec commands to {@code cli}. */
  public static void register(CommandLine cli, CliContext context) {
    cli.addSubcommand("explain", new Explain(context));
    cli.addSubcommand("validate", new Validate(context));
    cli.addSubcommand("deploy", new Deploy(context));
    cli.addSubcommand("verify", new Verify(context));
  }

  /** What the four commands share: the context and {@code --spec}. */
  abstract static class SpecCommand implements Callable<Integer> {
    private final CliContext context;
    private final ToIntBiFunction<SpecWork, DeploySpec> action;

    @Option(
        names = {"-s", "--spec"},
        required = true,
        paramLabel = "FILE",
        description = "The deploy spec, e.g. deploy/specs/local.yaml.")
    Path spec;

    SpecCommand(CliContext context, ToIntBiFunction<SpecWork, DeploySpec> action) {
      this.context = context;
      this.action = action;
    }

    @Override
    public Integer call() {
      SpecWork work = new SpecWork(context);
      return work.load(spec)
          .map(loaded -> action.applyAsInt(work, loaded))
          .orElse(SpecWork.BAD_SPEC);
    }
  }

  @Command(
      name = "explain",
      mixinStandardHelpOptions = true,
      description =
          "Prints the plan of a spec in dependency order (Redis/PostgreSQL, orchestrator, agents,"
              + " voice/Slack/bot-manager/collector/admin, gateway) with what each service needs,"
              + " and the steps deploy would run.")
  static final class Explain extends SpecCommand {
    Explain(CliContext context) {
      super(context, SpecWork::explain);
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a spec and this environment: unknown services or keys, missing secrets, port"
            + " clashes, unreachable Redis/PostgreSQL, the target's tool.",
        "Exit code 0 when ready; 1 listing every problem; 2 when the spec itself is malformed."
      })
  static final class Validate extends SpecCommand {
    Validate(CliContext context) {
      super(context, SpecWork::validate);
    }
  }

  @Command(
      name = "deploy",
      mixinStandardHelpOptions = true,
      description = {
        "Carries a spec out in dependency order, waiting for health. local: ./budai up's"
            + " machinery; compose: renders an override and runs docker compose up --wait;"
            + " kubernetes: renders a kustomize overlay, kubectl apply -k and rollout status;"
            + " railway: generates .railway/railway.ts and runs railway config apply.",
        "Exit code 0 deployed; 1 failed; 2 bad spec; 4 rendered but not applied (no Docker"
            + " engine, cluster or CLI here)."
      })
  static final class Deploy extends SpecCommand {
    Deploy(CliContext context) {
      super(context, SpecWork::deploy);
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description =
          "Checks every service's health, then a smoke flow through the gateway: no key is"
              + " refused, the admin creates a user and an API key, the key lists meetings, the"
              + " key is revoked.")
  static final class Verify extends SpecCommand {
    Verify(CliContext context) {
      super(context, SpecWork::verify);
    }
  }
}
