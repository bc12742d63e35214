package io.budai.deploy.spec;

import io.budai.deploy.config.FleetEnvironment;
import io.budai.deploy.config.Secrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the values of a spec's secrets: the environment (and {@code .env}), a file, or — for the
 * local target's two tokens — the value the CLI generated and keeps in {@code $BUDAI_HOME}.
 */
final class SpecSecrets {

  /**
   * @param values what was found, by name
   * @param missing the required secrets without a value, each with where it was looked for
   * @param notes where each value came from (never the value), for explain and validate
   */
  record Resolved(Map<String, String> values, List<String> missing, List<String> notes) {
    boolean complete() {
      return missing.isEmpty();
    }
  }

  private SpecSecrets() {}

  /**
   * Resolves every secret. With {@code generate}, a missing generated token is created and kept
   * (what {@code deploy} does); without, it is only reported as "will be generated".
   */
  static Resolved resolve(
      DeploySpec spec, FleetEnvironment environment, Path root, Path home, boolean generate) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (SecretRef ref : spec.secrets().values()) {
      switch (ref.source()) {
        case ENV -> {
          Optional<String> value = environment.get(ref.from());
          if (value.isPresent()) {
            values.put(ref.name(), value.get());
            notes.add(ref.name() + ": from $" + ref.from());
          } else if (ref.optional()) {
            notes.add(ref.name() + ": not set (optional: the offline default is used)");
          } else {
            missing.add(
                "secret %s is missing: set %s in the environment or in .env"
                    .formatted(ref.name(), ref.from()));
          }
        }
        case FILE -> {
          Path file = root.resolve(ref.from());
          Optional<String> value = Secrets.read(file);
          if (value.isPresent()) {
            values.put(ref.name(), value.get());
            notes.add(ref.name() + ": from the file " + ref.from());
          } else if (ref.optional()) {
            notes.add(ref.name() + ": no file " + ref.from() + " (optional)");
          } else {
            missing.add(
                "secret %s is missing: the file %s does not exist or is empty"
                    .formatted(ref.name(), ref.from()));
          }
        }
        case GENERATED -> {
          Path file = home.resolve(generatedFile(ref.name()));
          Optional<String> fromEnvironment = environment.get(ref.name());
          if (fromEnvironment.isPresent()) {
            values.put(ref.name(), fromEnvironment.get());
            notes.add(ref.name() + ": from $" + ref.name());
          } else if (generate) {
            Secrets.Secret secret = Secrets.resolve(file, Optional.empty());
            values.put(ref.name(), secret.value());
            notes.add(
                ref.name()
                    + (secret.source() == Secrets.Source.GENERATED
                        ? ": generated into "
                        : ": kept in ")
                    + file);
          } else {
            Optional<String> kept = Secrets.read(file);
            kept.ifPresent(value -> values.put(ref.name(), value));
            notes.add(
                ref.name()
                    + (kept.isPresent() ? ": kept in " : ": will be generated into ")
                    + file);
          }
        }
        case SHARED ->
            notes.add(
                ref.name()
                    + ": the Railway shared variable "
                    + ref.from()
                    + " (set it in the Railway environment before applying)");
      }
    }
    return new Resolved(values, missing, notes);
  }

  /** The file in {@code $BUDAI_HOME} the local fleet keeps a generated token in. */
  static String generatedFile(String name) {
    return switch (name) {
      case "ADMIN_API_TOKEN" -> "admin-token";
      case "BUDAI_INTERNAL_TOKEN" -> "internal-token";
      default -> throw new IllegalArgumentException(name + " cannot be generated");
    };
  }
}
