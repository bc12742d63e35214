package io.budai.deploy.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A {@link Console} whose output the test reads. */
final class CapturedConsole {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
  final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
  final Console console = new Console(outStream, errStream);

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  String all() {
    return out() + err();
  }
}
