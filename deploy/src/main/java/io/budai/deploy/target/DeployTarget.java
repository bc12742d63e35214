package io.budai.deploy.target;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A place the fleet deploys to beyond this machine's JVMs. */
public interface DeployTarget {

  /** How Redis and PostgreSQL are provided, one line each, for {@code explain}. */
  List<String> infrastructure();

  /** What {@code deploy} runs, in order, for {@code explain}. */
  List<String> steps();

  /** Checks the environment: the tool, the engine or cluster, ports on this machine. */
  Checks check();

  /** Renders the target's files, then applies them with its tool where it exists; exit code. */
  int deploy();

  /** Where the gateway answers once deployed, when known. */
  Optional<String> gatewayUrl();

  /**
   * Each service's health as the target's tool reports it ({@code UP}, or why not); empty when the
   * tool or the engine is not there to ask.
   */
  Optional<Map<String, String>> serviceHealth();

  /** Exit code of a deploy that rendered its files but found no tool or engine to apply them. */
  int NOT_APPLIED = 4;
}
