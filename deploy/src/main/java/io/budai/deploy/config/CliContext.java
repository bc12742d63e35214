package io.budai.deploy.config;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What one {@code budai} invocation works with: the repository it manages, its environment, and
 * where it prints. Tests build their own (a temporary {@code BUDAI_HOME}, captured output); {@link
 * #fromSystem()} is the real one.
 *
 * @param root the repository root (where {@code mvnw} and the service modules are)
 * @param environment the invocation's environment, before {@code .env} is merged in
 * @param out where results go
 * @param err where problems go
 */
public record CliContext(
    Path root, Map<String, String> environment, PrintStream out, PrintStream err) {

  /** The system property the {@code ./budai} script sets to the repository root. */
  public static final String ROOT_PROPERTY = "budai.root";

  /** The context of the running JVM. */
  public static CliContext fromSystem() {
    return new CliContext(findRoot(), System.getenv(), System.out, System.err);
  }

  /** The fleet's environment: {@code .env} merged under {@link #environment()}. */
  public FleetEnvironment fleetEnvironment() {
    return FleetEnvironment.load(root, environment);
  }

  private static Path findRoot() {
    String property = System.getProperty(ROOT_PROPERTY);
    if (property != null && !property.isBlank()) {
      return Path.of(property).toAbsolutePath().normalize();
    }
    String fromEnv = System.getenv("BUDAI_ROOT");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv).toAbsolutePath().normalize();
    }
    Path dir = Path.of("").toAbsolutePath();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isRegularFile(candidate.resolve("mvnw"))
          && Files.isDirectory(candidate.resolve("deploy"))) {
        return candidate;
      }
    }
    return dir;
  }
}
