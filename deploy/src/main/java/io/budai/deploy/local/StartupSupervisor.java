package io.budai.deploy.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Waits until every started service is healthy, showing progress: a line per service as it becomes
 * healthy and, every few seconds, which ones are still awaited. A service whose process exits, or
 * that is not healthy in time, has failed: the last lines of its log and its exit code are printed
 * at once.
 */
final class StartupSupervisor {

  /** A process to watch: its record, and its {@link Process} when this JVM started it. */
  record Watched(ProcessRecord record, Optional<Process> process) {

    /** The exit code if the process has ended, {@code null} while it runs. */
    Optional<Integer> exitCode() {
      if (process.isPresent()) {
        return process.get().isAlive() ? Optional.empty() : Optional.of(process.get().exitValue());
      }
      return record.isAlive() ? Optional.empty() : Optional.of(-1);
    }
  }

  /** Why a service did not come up. */
  record Failure(String name, String reason) {}

  /** Which services came up and which did not. */
  record Outcome(List<String> healthy, List<Failure> failures) {
    boolean ok() {
      return failures.isEmpty();
    }
  }

  static final int LOG_LINES_ON_FAILURE = 30;

  private final Console console;
  private final Workspace workspace;
  private final Function<ProcessRecord, Health> probe;
  private final Duration pollInterval;
  private final Duration progressInterval;

  StartupSupervisor(
      Console console,
      Workspace workspace,
      Function<ProcessRecord, Health> probe,
      Duration pollInterval,
      Duration progressInterval) {
    this.console = console;
    this.workspace = workspace;
    this.probe = probe;
    this.pollInterval = pollInterval;
    this.progressInterval = progressInterval;
  }

  /**
   * Polls until every process is healthy or has failed, or {@code timeout} passes. Unless {@code
   * keepGoing}, it returns at the first failure, leaving the others to the caller.
   */
  Outcome await(List<Watched> watched, Duration timeout, boolean keepGoing) {
    Instant start = Instant.now();
    Instant deadline = start.plus(timeout);
    Instant nextProgress = start.plus(progressInterval);
    Map<String, Watched> pending = new LinkedHashMap<>();
    watched.forEach(w -> pending.put(w.record().name(), w));
    List<String> healthy = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    int width = watched.stream().mapToInt(w -> w.record().name().length()).max().orElse(10);
    while (!pending.isEmpty()) {
      for (Watched w : List.copyOf(pending.values())) {
        ProcessRecord record = w.record();
        Optional<Integer> exit = w.exitCode();
        if (exit.isPresent()) {
          pending.remove(record.name());
          String reason =
              exit.get() >= 0
                  ? "exited with code " + exit.get()
                  : "is no longer running (exit code unknown)";
          failures.add(fail(record, reason, start));
          if (!keepGoing) {
            return new Outcome(healthy, failures);
          }
        } else if (probe.apply(record).up()) {
          pending.remove(record.name());
          healthy.add(record.name());
          console.line(
              ("  ok      %-" + width + "s  %s  healthy after %s")
                  .formatted(record.name(), record.url(), Console.seconds(since(start))));
        }
      }
      if (pending.isEmpty()) {
        break;
      }
      Instant now = Instant.now();
      if (now.isAfter(deadline)) {
        for (Watched w : pending.values()) {
          failures.add(
              fail(w.record(), "is not healthy after " + Console.shortDuration(timeout), start));
        }
        return new Outcome(healthy, failures);
      }
      if (now.isAfter(nextProgress)) {
        console.line(
            "  ...     %d/%d healthy after %s; waiting for %s"
                .formatted(
                    healthy.size(),
                    watched.size(),
                    Console.shortDuration(since(start)),
                    String.join(", ", pending.keySet())));
        nextProgress = now.plus(progressInterval);
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        pending.keySet().forEach(name -> failures.add(new Failure(name, "interrupted")));
        return new Outcome(healthy, failures);
      }
    }
    return new Outcome(healthy, failures);
  }

  private Failure fail(ProcessRecord record, String reason, Instant start) {
    console.problem(
        "  FAILED  %s %s after %s. Last lines of %s:"
            .formatted(
                record.name(),
                reason,
                Console.seconds(since(start)),
                workspace.display(record.log())));
    for (String line : LogTail.last(record.log(), LOG_LINES_ON_FAILURE)) {
      console.problem("    | " + line);
    }
    return new Failure(record.name(), reason);
  }

  private static Duration since(Instant start) {
    return Duration.between(start, Instant.now());
  }
}
