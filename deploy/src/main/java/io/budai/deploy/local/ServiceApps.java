package io.budai.deploy.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes services start faster: each executable jar is unpacked once (Spring Boot's {@code
 * -Djarmode=tools extract}) under {@code .budai/apps/<module>/}, so the JVM loads classes from
 * plain jars and can keep them in a class-data-sharing archive ({@code
 * -XX:+AutoCreateSharedArchive}): written when the service stops, used from the next start on.
 * Measured here, a service's start-up CPU drops from about 5 s (fat jar) to 2 s. A rebuilt jar is
 * unpacked again (its archive is then stale and the JVM writes a new one). {@code BUDAI_CDS=false}
 * runs the jars as they are.
 */
final class ServiceApps {

  /**
   * What to run for one service.
   *
   * @param jar the jar to pass to {@code -jar}
   * @param archive the class-data-sharing archive, when used
   */
  record App(Path jar, Optional<Path> archive) {}

  private static final String FINGERPRINT = ".unpacked-from";

  private final Path apps;
  private final Path java;
  private final Console console;

  ServiceApps(Path apps, Path java, Console console) {
    this.apps = apps;
    this.java = java;
    this.console = console;
  }

  /**
   * The unpacked jar of {@code module} with its archive, or the jar itself when unpacking fails.
   */
  App prepare(String module, Path jar) {
    Path dir = apps.resolve(module);
    Path unpacked = dir.resolve(jar.getFileName());
    Path archive = dir.resolve(module + ".jsa");
    try {
      String fingerprint =
          jar.toAbsolutePath()
              + "|"
              + Files.size(jar)
              + "|"
              + Files.getLastModifiedTime(jar).toMillis();
      Path marker = dir.resolve(FINGERPRINT);
      if (Files.isRegularFile(marker)
          && Files.readString(marker, StandardCharsets.UTF_8).equals(fingerprint)
          && Files.isRegularFile(unpacked)) {
        return new App(unpacked, Optional.of(archive));
      }
      Path temp = apps.resolve(module + ".tmp");
      EmbeddedBinaries.deleteTree(temp);
      Files.createDirectories(apps);
      Commands.Result result =
          Commands.run(
              List.of(
                  java.toString(),
                  "-Djarmode=tools",
                  "-jar",
                  jar.toAbsolutePath().toString(),
                  "extract",
                  "--destination",
                  temp.toAbsolutePath().toString()),
              Map.of(),
              Duration.ofMinutes(2));
      if (!result.ok() || !Files.isRegularFile(temp.resolve(jar.getFileName()))) {
        EmbeddedBinaries.deleteTree(temp);
        console.problem(
            "  note: could not unpack %s (%s); running the jar as it is"
                .formatted(jar.getFileName(), firstLine(result.output())));
        return new App(jar, Optional.empty());
      }
      Files.writeString(temp.resolve(FINGERPRINT), fingerprint, StandardCharsets.UTF_8);
      EmbeddedBinaries.deleteTree(dir);
      Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
      return new App(unpacked, Optional.of(archive));
    } catch (IOException e) {
      console.problem(
          "  note: could not unpack %s (%s); running the jar as it is"
              .formatted(jar.getFileName(), e.getMessage()));
      return new App(jar, Optional.empty());
    }
  }

  private static String firstLine(String output) {
    return output.lines().filter(line -> !line.isBlank()).findFirst().orElse("no output").strip();
  }
}
