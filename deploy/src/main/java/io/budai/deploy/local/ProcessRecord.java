package io.budai.deploy.local;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * A process the CLI started, as kept in {@code .budai/run/<name>.properties}. The pid alone is not
 * trusted: a record matches a live process only when that pid's start time is the recorded one, so
 * a pid reused by an unrelated process after a reboot is never signalled.
 *
 * @param name the service module, {@code redis} or {@code postgres}
 * @param kind what it is, which decides how it is stopped
 * @param pid its process id
 * @param startedAt when the operating system says it started
 * @param port the port it listens on
 * @param url where it is reached (for Redis and PostgreSQL with the password)
 * @param log its log file
 */
record ProcessRecord(
    String name, Kind kind, long pid, Instant startedAt, int port, String url, Path log) {

  /** The kinds of process, each stopped its own way. */
  enum Kind {
    /** A Spring Boot service: SIGTERM runs its graceful shutdown. */
    SERVICE,
    /** The private Redis: SIGTERM saves and exits. */
    REDIS,
    /** The private PostgreSQL: SIGINT is its "fast" shutdown (SIGTERM would wait for clients). */
    POSTGRES
  }

  /** Start times read twice may differ by the clock-tick rounding of {@code /proc}. */
  private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

  /** The live process this record describes, if it is still running. */
  Optional<ProcessHandle> liveHandle() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            handle ->
                handle
                    .info()
                    .startInstant()
                    .map(
                        start ->
                            Duration.between(start, startedAt).abs().compareTo(START_TOLERANCE)
                                <= 0)
                    .orElse(false));
  }

  boolean isAlive() {
    return liveHandle().isPresent();
  }

  Duration uptime(Instant now) {
    return Duration.between(startedAt, now);
  }

  String serialize() {
    Properties properties = new Properties();
    properties.setProperty("name", name);
    properties.setProperty("kind", kind.name());
    properties.setProperty("pid", Long.toString(pid));
    properties.setProperty("started-at", startedAt.toString());
    properties.setProperty("port", Integer.toString(port));
    properties.setProperty("url", url);
    properties.setProperty("log", log.toString());
    StringWriter writer = new StringWriter();
    try {
      properties.store(writer, "a process started by ./budai up");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return writer.toString();
  }

  static ProcessRecord read(Path file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
      return new ProcessRecord(
          required(properties, "name", file),
          Kind.valueOf(required(properties, "kind", file)),
          Long.parseLong(required(properties, "pid", file)),
          Instant.parse(required(properties, "started-at", file)),
          Integer.parseInt(required(properties, "port", file)),
          required(properties, "url", file),
          Path.of(required(properties, "log", file)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException("Corrupt process record " + file + ": " + e.getMessage(), e);
    }
  }

  private static String required(Properties properties, String key, Path file) {
    String value = properties.getProperty(key);
    if (value == null) {
      throw new IllegalStateException("missing '" + key + "' in " + file);
    }
    return value;
  }
}
