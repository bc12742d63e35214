package io.budai.deploy.catalog;

import java.util.Locale;

/**
 * One deployable service of the fleet, as DESIGN.md §1 names it.
 *
 * @param module the Maven module, which is also the artifactId and {@code spring.application.name}
 * @param defaultPort the port from DESIGN.md §1
 * @param usesPostgres whether the service owns a PostgreSQL schema (and so needs {@code
 *     DATABASE_URL}); the others must not get it, see {@code ServiceProcessSpecs}
 */
public record FleetService(String module, int defaultPort, boolean usesPostgres) {

  /** The module name as an environment variable fragment: upper case, {@code -} → {@code _}. */
  public String envName() {
    return module.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** {@code BUDAI_<MODULE>_URL}: where every other service reaches this one. */
  public String urlVariable() {
    return "BUDAI_" + envName() + "_URL";
  }

  /** {@code BUDAI_<MODULE>_PORT}: the port the local fleet prefers for this service. */
  public String portVariable() {
    return "BUDAI_" + envName() + "_PORT";
  }

  /** {@code BUDAI_<MODULE>_JAVA_OPTS}: JVM flags added for this service only. */
  public String javaOptsVariable() {
    return "BUDAI_" + envName() + "_JAVA_OPTS";
  }
}
