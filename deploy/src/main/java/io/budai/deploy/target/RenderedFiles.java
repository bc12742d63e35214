package io.budai.deploy.target;

import io.budai.deploy.config.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes rendered files: plain ones as they are, ones holding secrets readable by their owner only.
 */
final class RenderedFiles {

  private RenderedFiles() {}

  static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  static Path writePrivate(Path file, String content) {
    Secrets.writePrivate(file, content);
    return file;
  }
}
