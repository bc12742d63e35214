package io.budai.deploy.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log file, read from its end so a large log costs nothing. */
final class LogTail {

  private static final int CHUNK = 8192;

  private LogTail() {}

  static List<String> last(Path file, int lines) {
    if (lines <= 0 || !Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      long end = raf.length();
      if (end == 0) {
        return List.of();
      }
      raf.seek(end - 1);
      // A final newline ends the last line; it does not start an empty one.
      long scanEnd = raf.read() == '\n' ? end - 1 : end;
      long start = 0;
      int newlines = 0;
      byte[] buffer = new byte[CHUNK];
      long pos = scanEnd;
      search:
      while (pos > 0) {
        int read = (int) Math.min(CHUNK, pos);
        raf.seek(pos - read);
        raf.readFully(buffer, 0, read);
        for (int i = read - 1; i >= 0; i--) {
          if (buffer[i] == '\n' && ++newlines == lines) {
            start = pos - read + i + 1;
            break search;
          }
        }
        pos -= read;
      }
      byte[] tail = new byte[(int) (scanEnd - start)];
      raf.seek(start);
      raf.readFully(tail);
      return List.of(new String(tail, StandardCharsets.UTF_8).split("\n", -1));
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }
}
