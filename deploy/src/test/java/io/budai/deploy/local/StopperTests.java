package io.budai.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopperTests {

  @TempDir Path dir;
  private Processes processes;

  @BeforeEach
  void setUp() {
    processes = new Processes(dir);
  }

  @AfterEach
  void cleanUp() {
    processes.close();
  }

  @Test
  void stopsAServiceWithSigterm() {
    Launcher.Launched service =
        processes.sh(
            "svc",
            ProcessRecord.Kind.SERVICE,
            "trap 'echo got TERM; exit 0' TERM; echo ready; while :; do sleep 0.1; done");
    awaitReady(service);

    List<Stopper.Result> results =
        new Stopper().stop(List.of(service.record()), Duration.ofSeconds(20));

    assertThat(results)
        .singleElement()
        .extracting(Stopper.Result::outcome)
        .isEqualTo(Stopper.Outcome.STOPPED);
    assertThat(service.process().isAlive()).isFalse();
    assertThat(Processes.log(service)).contains("got TERM");
  }

  @Test
  void stopsPostgresWithSigintItsFastShutdown() {
    Launcher.Launched postgres =
        processes.sh(
            "postgres",
            ProcessRecord.Kind.POSTGRES,
            "trap 'echo got INT; exit 0' INT; trap '' TERM; echo ready; while :; do sleep 0.1; done");
    awaitReady(postgres);

    List<Stopper.Result> results =
        new Stopper().stop(List.of(postgres.record()), Duration.ofSeconds(20));

    assertThat(results)
        .singleElement()
        .extracting(Stopper.Result::outcome)
        .isEqualTo(Stopper.Outcome.STOPPED);
    assertThat(Processes.log(postgres)).contains("got INT");
  }

  @Test
  void killsWhatIgnoresItsStopSignalAfterTheGracePeriod() {
    Launcher.Launched stubborn =
        processes.sh(
            "stubborn",
            ProcessRecord.Kind.SERVICE,
            "trap '' TERM; echo ready; while :; do sleep 0.1; done");
    awaitReady(stubborn);

    List<Stopper.Result> results =
        new Stopper().stop(List.of(stubborn.record()), Duration.ofMillis(500));

    assertThat(results)
        .singleElement()
        .extracting(Stopper.Result::outcome)
        .isEqualTo(Stopper.Outcome.KILLED);
    assertThat(stubborn.record().isAlive()).isFalse();
  }

  @Test
  void reportsAProcessThatIsAlreadyGone() throws Exception {
    Launcher.Launched gone = processes.sh("gone", ProcessRecord.Kind.SERVICE, "exit 0");
    gone.process().waitFor();

    assertThat(new Stopper().stop(List.of(gone.record()), Duration.ofSeconds(5)))
        .singleElement()
        .extracting(Stopper.Result::outcome)
        .isEqualTo(Stopper.Outcome.NOT_RUNNING);
  }

  @Test
  void neverSignalsAPidWhoseStartTimeIsNotTheRecordedOne() {
    Launcher.Launched other =
        processes.sh("other", ProcessRecord.Kind.SERVICE, "echo ready; exec sleep 30");
    awaitReady(other);
    ProcessRecord stale =
        new ProcessRecord(
            "old-service",
            ProcessRecord.Kind.SERVICE,
            other.record().pid(),
            other.record().startedAt().minus(Duration.ofDays(1)),
            8000,
            "http://127.0.0.1:8000",
            dir.resolve("old.log"));

    List<Stopper.Result> results = new Stopper().stop(List.of(stale), Duration.ofSeconds(5));

    assertThat(results)
        .singleElement()
        .extracting(Stopper.Result::outcome)
        .isEqualTo(Stopper.Outcome.NOT_RUNNING);
    assertThat(other.process().isAlive()).isTrue();
  }

  private static void awaitReady(Launcher.Launched launched) {
    await().atMost(Duration.ofSeconds(10)).until(() -> Processes.log(launched).contains("ready"));
  }
}
