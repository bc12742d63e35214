package io.budai.deploy.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops processes by pid, gracefully: each gets its stop signal (SIGTERM, or SIGINT for
 * PostgreSQL), then all are awaited together up to the grace period, and whatever still runs is
 * killed (SIGKILL).
 */
final class Stopper {

  /** How a process ended. */
  enum Outcome {
    /** It exited on its stop signal within the grace period. */
    STOPPED,
    /** It had to be killed. */
    KILLED,
    /** It was not running (any more). */
    NOT_RUNNING,
    /** Even SIGKILL did not end it in time. */
    STILL_RUNNING
  }

  /** The fate of one process. */
  record Result(ProcessRecord record, Outcome outcome, Duration took) {}

  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  List<Result> stop(List<ProcessRecord> records, Duration grace) {
    Instant start = Instant.now();
    Map<ProcessRecord, ProcessHandle> running = new LinkedHashMap<>();
    Map<ProcessRecord, CompletableFuture<Instant>> exits = new LinkedHashMap<>();
    List<Result> results = new ArrayList<>();
    for (ProcessRecord record : records) {
      Optional<ProcessHandle> handle = record.liveHandle();
      if (handle.isEmpty()) {
        results.add(new Result(record, Outcome.NOT_RUNNING, Duration.ZERO));
        continue;
      }
      running.put(record, handle.get());
      exits.put(record, handle.get().onExit().thenApply(exited -> Instant.now()));
      signal(record, handle.get());
    }
    Instant deadline = start.plus(grace);
    Map<ProcessRecord, ProcessHandle> stubborn = new LinkedHashMap<>();
    for (Map.Entry<ProcessRecord, ProcessHandle> entry : running.entrySet()) {
      Optional<Instant> exited = awaitExit(entry.getValue(), exits.get(entry.getKey()), deadline);
      if (exited.isPresent()) {
        results.add(
            new Result(entry.getKey(), Outcome.STOPPED, Duration.between(start, exited.get())));
      } else {
        stubborn.put(entry.getKey(), entry.getValue());
      }
    }
    stubborn.values().forEach(ProcessHandle::destroyForcibly);
    Instant killDeadline = Instant.now().plus(KILL_WAIT);
    for (Map.Entry<ProcessRecord, ProcessHandle> entry : stubborn.entrySet()) {
      Optional<Instant> exited =
          awaitExit(entry.getValue(), exits.get(entry.getKey()), killDeadline);
      results.add(
          new Result(
              entry.getKey(),
              exited.isPresent() ? Outcome.KILLED : Outcome.STILL_RUNNING,
              Duration.between(start, exited.orElseGet(Instant::now))));
    }
    return results;
  }

  private static void signal(ProcessRecord record, ProcessHandle handle) {
    if (record.kind() == ProcessRecord.Kind.POSTGRES) {
      Commands.Result sent =
          Commands.run(
              List.of("kill", "-INT", Long.toString(handle.pid())),
              Map.of(),
              Duration.ofSeconds(5));
      if (sent.ok()) {
        return;
      }
    }
    handle.destroy();
  }

  /** When the process exited, if it did before {@code deadline}. */
  private static Optional<Instant> awaitExit(
      ProcessHandle handle, CompletableFuture<Instant> exit, Instant deadline) {
    try {
      long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
      return Optional.of(exit.get(millis, TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return handle.isAlive() ? Optional.empty() : Optional.of(Instant.now());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return handle.isAlive() ? Optional.empty() : Optional.of(Instant.now());
    }
  }
}
