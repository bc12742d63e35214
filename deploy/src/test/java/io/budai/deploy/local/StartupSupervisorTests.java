package io.budai.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupSupervisorTests {

  @TempDir Path dir;
  private Processes processes;
  private final CapturedConsole console = new CapturedConsole();

  @BeforeEach
  void setUp() {
    processes = new Processes(dir);
  }

  @AfterEach
  void cleanUp() {
    processes.close();
  }

  @Test
  void reportsTheExitCodeAndLastLogLinesOfAServiceThatDies() {
    Launcher.Launched bad =
        processes.sh(
            "bad-service",
            ProcessRecord.Kind.SERVICE,
            "echo starting; echo 'Redis refused' >&2; exit 3");

    StartupSupervisor.Outcome outcome =
        supervisor(record -> Health.of(Health.State.UNREACHABLE, ""))
            .await(List.of(watched(bad)), Duration.ofMinutes(2), false);

    assertThat(outcome.ok()).isFalse();
    assertThat(outcome.failures())
        .containsExactly(new StartupSupervisor.Failure("bad-service", "exited with code 3"));
    assertThat(console.err())
        .contains("FAILED  bad-service exited with code 3")
        .contains("    | starting")
        .contains("    | Redis refused");
  }

  @Test
  void stopsWaitingAtTheFirstFailureUnlessKeepGoing() {
    Launcher.Launched slow = processes.sh("slow", ProcessRecord.Kind.SERVICE, "exec sleep 60");
    Launcher.Launched bad = processes.sh("bad", ProcessRecord.Kind.SERVICE, "exit 1");

    StartupSupervisor.Outcome outcome =
        supervisor(record -> Health.of(Health.State.UNREACHABLE, ""))
            .await(List.of(watched(slow), watched(bad)), Duration.ofMinutes(2), false);

    // Had it waited for "slow", the time limit would have failed it too.
    assertThat(outcome.failures())
        .extracting(StartupSupervisor.Failure::name)
        .containsExactly("bad");
    assertThat(outcome.healthy()).isEmpty();
    assertThat(slow.process().isAlive()).isTrue();
  }

  @Test
  void keepGoingWaitsForTheOthersAfterAFailure() {
    Launcher.Launched bad = processes.sh("bad", ProcessRecord.Kind.SERVICE, "exit 1");
    Launcher.Launched good = processes.sh("good", ProcessRecord.Kind.SERVICE, "exec sleep 60");
    // "good" becomes healthy only once "bad" has died: the supervisor must still be waiting then.
    Function<ProcessRecord, Health> probe =
        record ->
            record.name().equals("good") && !bad.process().isAlive()
                ? Health.of(Health.State.UP, "")
                : Health.of(Health.State.UNREACHABLE, "");

    StartupSupervisor.Outcome outcome =
        supervisor(probe).await(List.of(watched(bad), watched(good)), Duration.ofMinutes(2), true);

    assertThat(outcome.healthy()).containsExactly("good");
    assertThat(outcome.failures())
        .extracting(StartupSupervisor.Failure::name)
        .containsExactly("bad");
    assertThat(console.out()).contains("ok      good  http://127.0.0.1:0  healthy after");
  }

  @Test
  void failsAServiceThatIsNotHealthyInTimeAndShowsProgressMeanwhile() {
    Launcher.Launched stuck =
        processes.sh("stuck", ProcessRecord.Kind.SERVICE, "echo still booting; exec sleep 60");

    StartupSupervisor.Outcome outcome =
        supervisor(record -> Health.of(Health.State.DOWN, "redis down"))
            .await(List.of(watched(stuck)), Duration.ofSeconds(1), false);

    assertThat(outcome.failures())
        .containsExactly(new StartupSupervisor.Failure("stuck", "is not healthy after 1s"));
    assertThat(console.out()).contains("0/1 healthy after").contains("waiting for stuck");
    assertThat(console.err()).contains("    | still booting");
  }

  private StartupSupervisor supervisor(Function<ProcessRecord, Health> probe) {
    return new StartupSupervisor(
        console.console,
        new Workspace(dir, dir),
        probe,
        Duration.ofMillis(50),
        Duration.ofMillis(200));
  }

  private static StartupSupervisor.Watched watched(Launcher.Launched launched) {
    return new StartupSupervisor.Watched(launched.record(), Optional.of(launched.process()));
  }
}
