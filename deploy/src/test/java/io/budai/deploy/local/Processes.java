package io.budai.deploy.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts shell processes through the real {@link Launcher} and cleans them up after a test. */
final class Processes implements AutoCloseable {

  private final Path dir;
  private final Launcher launcher = new Launcher();
  private final List<Launcher.Launched> started = new ArrayList<>();

  Processes(Path dir) {
    this.dir = dir;
  }

  Launcher.Launched sh(String name, ProcessRecord.Kind kind, String script) {
    try {
      Launcher.Launched launched =
          launcher.start(
              new ProcessSpec(
                  name,
                  List.of("/bin/sh", "-c", script),
                  Map.of("PATH", "/usr/bin:/bin"),
                  dir,
                  dir.resolve(name + ".log")),
              kind,
              0,
              "http://127.0.0.1:0");
      started.add(launched);
      return launched;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String log(Launcher.Launched launched) {
    try {
      Path log = launched.record().log();
      return Files.isRegularFile(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    for (Launcher.Launched launched : started) {
      launched.process().destroyForcibly();
    }
  }
}
