package io.budai.deploy.local;

import io.budai.deploy.config.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the CLI has running, kept in {@code .budai/run/}: one {@link ProcessRecord} per process and
 * {@code fleet.env}, the shared variables of the running fleet. Files are written with mode 600:
 * they hold the private databases' passwords and the tokens.
 */
final class RunState {

  private static final String RECORD_SUFFIX = ".properties";
  private static final String FLEET_ENV = "fleet.env";

  private final Path dir;

  RunState(Path dir) {
    this.dir = dir;
  }

  void save(ProcessRecord record) {
    Secrets.writePrivate(dir.resolve(record.name() + RECORD_SUFFIX), record.serialize());
  }

  Optional<ProcessRecord> find(String name) {
    Path file = dir.resolve(name + RECORD_SUFFIX);
    return Files.isRegularFile(file) ? Optional.of(ProcessRecord.read(file)) : Optional.empty();
  }

  /** Every record: Redis and PostgreSQL first, then services by port. */
  List<ProcessRecord> records() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ProcessRecord> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(RECORD_SUFFIX)).toList()) {
        records.add(ProcessRecord.read(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
    records.sort(
        Comparator.comparing((ProcessRecord r) -> r.kind() == ProcessRecord.Kind.SERVICE)
            .thenComparingInt(ProcessRecord::port));
    return records;
  }

  void remove(String name) {
    try {
      Files.deleteIfExists(dir.resolve(name + RECORD_SUFFIX));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void saveFleetVariables(Map<String, String> variables) {
    StringBuilder content = new StringBuilder();
    variables.forEach((key, value) -> content.append(key).append('=').append(value).append('\n'));
    Secrets.writePrivate(dir.resolve(FLEET_ENV), content.toString());
  }

  /** The shared variables of the running fleet, in the order they were saved. */
  Optional<Map<String, String>> fleetVariables() {
    Path file = dir.resolve(FLEET_ENV);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Map<String, String> variables = new LinkedHashMap<>();
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          variables.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return Optional.of(variables);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  void clearFleetVariables() {
    try {
      Files.deleteIfExists(dir.resolve(FLEET_ENV));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
