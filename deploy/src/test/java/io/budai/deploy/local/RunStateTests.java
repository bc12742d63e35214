package io.budai.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStateTests {

  @TempDir Path dir;

  @Test
  void keepsRecordsInfrastructureFirstThenServicesByPort() {
    RunState state = new RunState(dir);
    state.save(record("gateway-service", ProcessRecord.Kind.SERVICE, 8000));
    state.save(record("admin-service", ProcessRecord.Kind.SERVICE, 8009));
    state.save(record("redis", ProcessRecord.Kind.REDIS, 41000));

    assertThat(state.records())
        .extracting(ProcessRecord::name)
        .containsExactly("redis", "gateway-service", "admin-service");
    assertThat(state.find("admin-service"))
        .contains(record("admin-service", ProcessRecord.Kind.SERVICE, 8009));

    state.remove("admin-service");
    assertThat(state.find("admin-service")).isEmpty();
  }

  @Test
  void aRecordMatchesALiveProcessOnlyWithItsStartTime() {
    ProcessHandle self = ProcessHandle.current();
    Instant started = self.info().startInstant().orElseThrow();

    ProcessRecord same =
        new ProcessRecord("self", ProcessRecord.Kind.SERVICE, self.pid(), started, 1, "u", dir);
    ProcessRecord reused =
        new ProcessRecord(
            "self",
            ProcessRecord.Kind.SERVICE,
            self.pid(),
            started.minusSeconds(3600),
            1,
            "u",
            dir);

    assertThat(same.isAlive()).isTrue();
    assertThat(reused.isAlive()).isFalse();
  }

  @Test
  void keepsTheFleetVariablesInOrderAndPrivate() throws Exception {
    RunState state = new RunState(dir);
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("BUDAI_GATEWAY_URL", "http://127.0.0.1:8000");
    variables.put("REDIS_URL", "redis://:p=w@127.0.0.1:1");

    state.saveFleetVariables(variables);

    assertThat(state.fleetVariables()).contains(variables);
    assertThat(state.fleetVariables().orElseThrow().keySet())
        .containsExactly("BUDAI_GATEWAY_URL", "REDIS_URL");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("fleet.env"))))
        .isEqualTo("rw-------");
    state.clearFleetVariables();
    assertThat(state.fleetVariables()).isEmpty();
  }

  private ProcessRecord record(String name, ProcessRecord.Kind kind, int port) {
    return new ProcessRecord(
        name,
        kind,
        4242,
        Instant.parse("2026-01-01T00:00:00.123Z"),
        port,
        "http://127.0.0.1:" + port,
        dir.resolve(name + ".log"));
  }
}
