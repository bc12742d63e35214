package io.budai.deploy.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the fleet's processes detached from the terminal: each in a session of its own ({@code
 * setsid}), so closing the terminal or pressing Ctrl-C in it reaches only the CLI, which then stops
 * them in order. Output goes to the process's log file; the previous run's log is kept as {@code
 * .log.1}.
 */
final class Launcher {

  /** A process started by this invocation: its record and, while this JVM lives, its handle. */
  record Launched(ProcessRecord record, Process process) {}

  private static final List<Path> SETSID =
      List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));
  private static final File DEV_NULL = new File("/dev/null");

  Launched start(ProcessSpec spec, ProcessRecord.Kind kind, int port, String url)
      throws IOException {
    Files.createDirectories(spec.logFile().getParent());
    rotate(spec.logFile());
    List<String> command = new ArrayList<>();
    SETSID.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .ifPresent(s -> command.add(s.toString()));
    command.addAll(spec.command());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(spec.workingDirectory().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()));
    if (DEV_NULL.exists()) {
      builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
    }
    builder.environment().clear();
    builder.environment().putAll(spec.environment());
    Process process = builder.start();
    Instant startedAt = process.info().startInstant().orElseGet(Instant::now);
    return new Launched(
        new ProcessRecord(spec.name(), kind, process.pid(), startedAt, port, url, spec.logFile()),
        process);
  }

  private static void rotate(Path log) {
    try {
      if (Files.isRegularFile(log) && Files.size(log) > 0) {
        Files.move(
            log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot rotate " + log, e);
    }
  }
}
