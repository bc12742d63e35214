package io.budai.deploy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * A secret the CLI owns (the admin token, the internal service token, the private databases'
 * passwords): taken from the environment when set there, else read from its file, else generated
 * once and kept in that file, readable by its owner only.
 */
public final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** Where a secret's value came from. */
  public enum Source {
    /** The environment (or {@code .env}) gave it. */
    ENVIRONMENT,
    /** An earlier run generated it and it was read from its file. */
    KEPT,
    /** Generated now and written to its file. */
    GENERATED
  }

  /** A resolved secret. */
  public record Secret(String value, Source source, Path file) {}

  /** Resolves the secret kept in {@code file}, unless {@code fromEnvironment} is present. */
  public static Secret resolve(Path file, Optional<String> fromEnvironment) {
    if (fromEnvironment.isPresent()) {
      return new Secret(fromEnvironment.get(), Source.ENVIRONMENT, file);
    }
    Optional<String> kept = read(file);
    if (kept.isPresent()) {
      return new Secret(kept.get(), Source.KEPT, file);
    }
    String generated = generate();
    writePrivate(file, generated);
    return new Secret(generated, Source.GENERATED, file);
  }

  /** The secret kept in {@code file}, if any. */
  public static Optional<String> read(Path file) {
    try {
      if (!Files.isRegularFile(file)) {
        return Optional.empty();
      }
      String value = Files.readString(file, StandardCharsets.UTF_8).strip();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** 32 random bytes, URL-safe base64 without padding (43 characters, no shell metacharacters). */
  public static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** Writes {@code content} to {@code file} with mode 600, replacing what was there. */
  public static void writePrivate(Path file, String content) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      try {
        Files.createFile(
            temp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
        // Not a POSIX file system: the file gets the directory's default permissions.
        Files.deleteIfExists(temp);
        Files.createFile(temp);
      }
      Files.writeString(
          temp, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(
          temp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
