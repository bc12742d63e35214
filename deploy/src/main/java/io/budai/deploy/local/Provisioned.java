package io.budai.deploy.local;

import java.util.Optional;

/**
 * A Redis or PostgreSQL the fleet uses.
 *
 * @param url its URL as the services get it
 * @param record the process when it is the CLI's private instance, empty when external
 * @param process the process handle when this invocation started it
 */
record Provisioned(String url, Optional<ProcessRecord> record, Optional<Process> process) {

  static Provisioned external(String url) {
    return new Provisioned(url, Optional.empty(), Optional.empty());
  }

  boolean isPrivate() {
    return record.isPresent();
  }

  boolean startedNow() {
    return process.isPresent();
  }
}
