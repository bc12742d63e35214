package io.budai.botmanager;

import java.io.IOException;

/** Starts a {@link FakeAdminService} from a static initializer. */
final class FakeAdminServiceHolder {
  private FakeAdminServiceHolder() {}

  static FakeAdminService start() {
    try {
      return new FakeAdminService();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
