package io.budai.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTests {

  @TempDir Path dir;
  private Processes processes;

  @AfterEach
  void cleanUp() {
    processes.close();
  }

  @Test
  void startsAProcessInASessionOfItsOwnWithOnlyItsEnvironment() throws Exception {
    processes = new Processes(dir);

    Launcher.Launched launched =
        processes.sh(
            "svc", ProcessRecord.Kind.SERVICE, "echo \"HOME=[$HOME] PATH=[$PATH]\"; exec sleep 30");

    await().atMost(Duration.ofSeconds(10)).until(() -> Processes.log(launched).contains("HOME="));
    assertThat(Processes.log(launched)).contains("HOME=[] PATH=[/usr/bin:/bin]");
    assertThat(launched.record().isAlive()).isTrue();
    assertThat(launched.record().pid()).isEqualTo(launched.process().pid());
    // setsid: the process leads its own session, so the terminal's Ctrl-C reaches only the CLI
    String stat =
        Files.readString(Path.of("/proc", Long.toString(launched.record().pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    assertThat(Long.parseLong(fields[3])).isEqualTo(launched.record().pid());
  }

  @Test
  void keepsThePreviousRunsLogAsDotOne() throws Exception {
    processes = new Processes(dir);

    Launcher.Launched first = processes.sh("svc", ProcessRecord.Kind.SERVICE, "echo first run");
    first.process().waitFor();
    Launcher.Launched second = processes.sh("svc", ProcessRecord.Kind.SERVICE, "echo second run");
    second.process().waitFor();

    assertThat(Files.readString(dir.resolve("svc.log"))).isEqualTo("second run\n");
    assertThat(Files.readString(dir.resolve("svc.log.1"))).isEqualTo("first run\n");
  }
}
