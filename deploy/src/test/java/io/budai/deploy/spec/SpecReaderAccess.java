package io.budai.deploy.spec;

import java.nio.file.Path;

/** Reads a spec for tests in other packages, failing on any problem. */
public final class SpecReaderAccess {

  private SpecReaderAccess() {}

  public static DeploySpec read(Path file) {
    SpecReader.Result result = SpecReader.read(file);
    if (!result.ok()) {
      throw new IllegalStateException(file + ": " + result.problems());
    }
    return result.spec().orElseThrow();
  }
}
