package io.budai.deploy.local;

import java.time.Duration;

/**
 * How {@code budai up} runs.
 *
 * @param foreground stay attached and stop everything on Ctrl-C
 * @param keepGoing when a service fails to start, keep the others running
 * @param build build missing or stale jars first
 * @param strictPorts fail when a preferred port is taken instead of picking another
 * @param timeout how long to wait for every service to be healthy
 */
public record UpOptions(
    boolean foreground, boolean keepGoing, boolean build, boolean strictPorts, Duration timeout) {

  /** Detached, stop on failure, build, pick other ports, 5 minutes. */
  public static UpOptions defaults() {
    return new UpOptions(false, false, true, false, Duration.ofMinutes(5));
  }
}
