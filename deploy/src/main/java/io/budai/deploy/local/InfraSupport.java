package io.budai.deploy.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Helpers the private Redis and PostgreSQL share. */
final class InfraSupport {

  private InfraSupport() {}

  /**
   * The port the instance had last time when it is still free (so {@code REDIS_URL} and {@code
   * DATABASE_URL} stay the same across {@code down}/{@code up}), else a fresh free one; remembered
   * in {@code portFile}.
   */
  static int reuseOrPick(Path portFile) {
    PortProbe probe = PortProbe.binding("127.0.0.1");
    try {
      if (Files.isRegularFile(portFile)) {
        int previous = Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).strip());
        if (previous > 0 && probe.isFree(previous)) {
          return previous;
        }
      }
      int port = PortProbe.anyFree("127.0.0.1");
      Files.createDirectories(portFile.getParent());
      Files.writeString(portFile, Integer.toString(port), StandardCharsets.UTF_8);
      return port;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NumberFormatException e) {
      int port = PortProbe.anyFree("127.0.0.1");
      try {
        Files.writeString(portFile, Integer.toString(port), StandardCharsets.UTF_8);
      } catch (IOException io) {
        throw new UncheckedIOException(io);
      }
      return port;
    }
  }

  /** An executable named {@code name} on {@code PATH}. */
  static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  static String indent(List<String> lines) {
    return lines.stream().map(line -> "    | " + line).collect(Collectors.joining("\n"));
  }

  /** The polling pause while waiting for a server to accept connections. */
  static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvisioningException("interrupted while waiting for a server to start");
    }
  }
}
