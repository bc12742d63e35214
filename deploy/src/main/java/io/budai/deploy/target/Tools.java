package io.budai.deploy.target;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The command-line tools a target drives ({@code docker}, {@code kubectl}, {@code railway}), found
 * on the {@code PATH} of the invocation's environment and run with that environment.
 */
public final class Tools {

  /** What a finished command printed and returned. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** The first line of the output, for one-line messages. */
    public String firstLine() {
      String trimmed = output.strip();
      int newline = trimmed.indexOf('\n');
      return newline < 0 ? trimmed : trimmed.substring(0, newline);
    }
  }

  private final Map<String, String> environment;
  private final Path workingDirectory;

  /**
   * @param environment the variables the tools run with (their {@code PATH} is searched)
   * @param workingDirectory where they run (the repository root)
   */
  public Tools(Map<String, String> environment, Path workingDirectory) {
    this.environment = Map.copyOf(environment);
    this.workingDirectory = workingDirectory;
  }

  /** The executable {@code name} on {@code PATH}. */
  public Optional<Path> find(String name) {
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs a command to completion with its output captured; -1 when it cannot run or times out. */
  public Result capture(List<String> command, Duration timeout) {
    return run(command, timeout, null);
  }

  /** Runs a command, copying its output to {@code out} as it comes. */
  public Result stream(List<String> command, Duration timeout, PrintStream out) {
    return run(command, timeout, out);
  }

  private Result run(List<String> command, Duration timeout, PrintStream out) {
    List<String> resolved = new ArrayList<>(command);
    find(command.getFirst()).ifPresent(path -> resolved.set(0, path.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(resolved)
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().putAll(environment);
    StringBuilder output = new StringBuilder();
    try {
      Process process = builder.start();
      Thread reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (InputStream in = process.getInputStream()) {
                      byte[] buffer = new byte[4096];
                      int read;
                      while ((read = in.read(buffer)) > 0) {
                        String chunk = new String(buffer, 0, read, StandardCharsets.UTF_8);
                        synchronized (output) {
                          output.append(chunk);
                        }
                        if (out != null) {
                          out.print(chunk);
                          out.flush();
                        }
                      }
                    } catch (IOException ignored) {
                      // the process ended; what was read is kept
                    }
                  });
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        reader.join(1000);
        return new Result(-1, output + "\n(timed out after " + timeout.toSeconds() + " s)");
      }
      reader.join(5000);
      synchronized (output) {
        return new Result(process.exitValue(), output.toString());
      }
    } catch (IOException e) {
      return new Result(-1, e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }
}
