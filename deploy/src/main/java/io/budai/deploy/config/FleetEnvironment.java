package io.budai.deploy.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The variables the fleet runs with: the {@code .env} file at the repository root overlaid by the
 * environment of the {@code budai} command (the environment wins), so {@code SLACK_BOT_TOKEN=…
 * ./budai up} overrides a value kept in {@code .env}.
 *
 * @param variables the merged variables, handed down to every service
 * @param dotEnvProblems lines of {@code .env} that could not be read
 */
public record FleetEnvironment(Map<String, String> variables, List<String> dotEnvProblems) {

  /** Where the CLI keeps its state unless {@code BUDAI_HOME} says otherwise. */
  public static final String HOME_VARIABLE = "BUDAI_HOME";

  /** Merges {@code dotEnv} under {@code environment}. */
  public static FleetEnvironment merge(DotEnv dotEnv, Map<String, String> environment) {
    Map<String, String> merged = new LinkedHashMap<>(dotEnv.values());
    merged.putAll(environment);
    return new FleetEnvironment(Map.copyOf(merged), dotEnv.problems());
  }

  /** Reads {@code <root>/.env} and merges it under {@code environment}. */
  public static FleetEnvironment load(Path root, Map<String, String> environment) {
    return merge(DotEnv.read(root.resolve(".env")), environment);
  }

  /** The value of a variable when it is set and not blank. */
  public Optional<String> get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /**
   * The state directory: {@code BUDAI_HOME}, relative to {@code root} when relative, else {@code
   * <root>/.budai}.
   */
  public Path home(Path root) {
    return get(HOME_VARIABLE).map(root::resolve).orElse(root.resolve(".budai")).normalize();
  }
}
