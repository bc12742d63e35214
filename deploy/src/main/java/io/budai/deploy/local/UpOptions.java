package io.budai.deploy.local;

import java.time.Duration;
import java.util.Map;

/**
 * How {@code budai up} runs.
 *
 * @param foreground stay attached and stop everything on Ctrl-C
 * @param keepGoing when a service fails to start, keep the others running
 * @param build build missing or stale jars first
 * @param strictPorts fail when a preferred port is taken instead of picking another
 * @param timeout how long to wait for every service to be healthy
 * @param inDependencyOrder start the services tier by tier (orchestrator, agents, edge services,
 *     gateway), each tier healthy before the next starts, instead of all at once
 * @param serviceVariables variables for one service only, by module, over the shared environment
 */
public record UpOptions(
    boolean foreground,
    boolean keepGoing,
    boolean build,
    boolean strictPorts,
    Duration timeout,
    boolean inDependencyOrder,
    Map<String, Map<String, String>> serviceVariables) {

  public UpOptions {
    serviceVariables = Map.copyOf(serviceVariables);
  }

  /** {@code budai up}'s options: every service at once, no per-service variables. */
  public UpOptions(
      boolean foreground, boolean keepGoing, boolean build, boolean strictPorts, Duration timeout) {
    this(foreground, keepGoing, build, strictPorts, timeout, false, Map.of());
  }

  /** Detached, stop on failure, build, pick other ports, 5 minutes. */
  public static UpOptions defaults() {
    return new UpOptions(false, false, true, false, Duration.ofMinutes(5));
  }
}
