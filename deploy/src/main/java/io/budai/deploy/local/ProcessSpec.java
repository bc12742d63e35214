package io.budai.deploy.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to run one process of the fleet.
 *
 * @param name the service module, {@code redis} or {@code postgres}
 * @param command the command line
 * @param environment the process's whole environment (nothing else is inherited)
 * @param workingDirectory where it runs
 * @param logFile where its standard output and error go
 */
record ProcessSpec(
    String name,
    List<String> command,
    Map<String, String> environment,
    Path workingDirectory,
    Path logFile) {

  ProcessSpec {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
  }
}
