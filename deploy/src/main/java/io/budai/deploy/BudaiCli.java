package io.budai.deploy;

import io.budai.deploy.config.CliContext;
import io.budai.deploy.local.LocalCommands;
import io.budai.deploy.spec.SpecCommands;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code budai}: runs the BudAI fleet on this machine ({@code up}, {@code down}, {@code status},
 * {@code logs}, {@code env}) and deploys it from a spec ({@code explain}, {@code validate}, {@code
 * deploy}, {@code verify}). Started by the {@code ./budai} script at the repository root.
 */
@Command(
    name = "budai",
    mixinStandardHelpOptions = true,
    version = "budai 0.1.0",
    description = {
      "Runs the BudAI fleet: ten Spring Boot services, Redis and PostgreSQL.",
      "Deploys it from a spec (deploy/specs/*.yaml): local, compose, kubernetes, railway."
    },
    footer = {
      "",
      "State (pids, logs, tokens, private Redis/PostgreSQL data) is kept in $BUDAI_HOME (.budai/)."
    })
public final class BudaiCli implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private BudaiCli() {}

  public static void main(String[] args) {
    System.exit(run(CliContext.fromSystem(), args));
  }

  /** Runs one command; returns its exit code (2 for bad usage). */
  public static int run(CliContext context, String... args) {
    return commandLine(context).execute(args);
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine commandLine = new CommandLine(new BudaiCli());
    LocalCommands.register(commandLine, context);
    SpecCommands.register(commandLine, context);
    java.io.PrintWriter out = new java.io.PrintWriter(context.out(), true);
    java.io.PrintWriter err = new java.io.PrintWriter(context.err(), true);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, command, parseResult) -> {
          err.println(
              "budai: " + (exception.getMessage() == null ? exception : exception.getMessage()));
          return 1;
        });
    return commandLine;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
