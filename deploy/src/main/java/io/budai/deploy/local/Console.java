package io.budai.deploy.local;

import java.io.PrintStream;
import java.time.Duration;

/** Where the CLI talks to its user: results on {@code out}, problems on {@code err}. */
final class Console {

  private final PrintStream out;
  private final PrintStream err;

  Console(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  void line() {
    out.println();
  }

  void problem(String text) {
    err.println(text);
    err.flush();
  }

  PrintStream out() {
    return out;
  }

  /** {@code 42s}, {@code 3m05s}, {@code 2h07m}, {@code 3d04h}. */
  static String shortDuration(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return "%dm%02ds".formatted(seconds / 60, seconds % 60);
    }
    if (seconds < 86400) {
      return "%dh%02dm".formatted(seconds / 3600, (seconds % 3600) / 60);
    }
    return "%dd%02dh".formatted(seconds / 86400, (seconds % 86400) / 3600);
  }

  /** {@code 12.3s}. */
  static String seconds(Duration duration) {
    return "%.1fs".formatted(duration.toMillis() / 1000.0);
  }
}
