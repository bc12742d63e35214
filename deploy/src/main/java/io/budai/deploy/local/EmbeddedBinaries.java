package io.budai.deploy.local;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The Redis and PostgreSQL servers shipped inside the CLI jar as Maven artifacts (codemonstur's
 * embedded-redis, zonky's PostgreSQL builds), unpacked on first use under {@code .budai/tools/}.
 */
final class EmbeddedBinaries {

  private final Path tools;

  EmbeddedBinaries(Path tools) {
    this.tools = tools;
  }

  /** The embedded {@code redis-server} for this platform, unpacked. */
  Optional<Path> redisServer() {
    Optional<String> resource = redisResource();
    if (resource.isEmpty()) {
      return Optional.empty();
    }
    URL url = EmbeddedBinaries.class.getResource("/" + resource.get());
    if (url == null) {
      return Optional.empty();
    }
    Path target = tools.resolve(resource.get());
    try {
      long size = size(url);
      if (!Files.isExecutable(target) || Files.size(target) != size) {
        Files.createDirectories(tools);
        Path temp = tools.resolve(resource.get() + ".tmp");
        try (InputStream in = url.openStream()) {
          Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
        }
        makeExecutable(temp);
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return Optional.of(target);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack the embedded Redis to " + target, e);
    }
  }

  private static Optional<String> redisResource() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
    boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
    if (os.contains("linux")) {
      return x64
          ? Optional.of("redis-server-6.2.6-v5-linux-amd64")
          : arm64 ? Optional.of("redis-server-6.2.7-linux-arm64") : Optional.empty();
    }
    if (os.contains("mac")) {
      return x64
          ? Optional.of("redis-server-6.2.6-v5-darwin-amd64")
          : arm64 ? Optional.of("redis-server-6.2.6-v5-darwin-arm64") : Optional.empty();
    }
    return Optional.empty();
  }

  /** The {@code bin/} directory of the embedded PostgreSQL for this platform, unpacked. */
  Optional<Path> postgresBin() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return Optional.empty();
    }
    URL url = EmbeddedBinaries.class.getResource("/postgres-linux-x86_64.txz");
    if (url == null) {
      return Optional.empty();
    }
    Path target = tools.resolve("postgres");
    Path marker = target.resolve(".unpacked");
    try {
      String fingerprint = Long.toString(size(url));
      if (Files.isRegularFile(marker)
          && Files.readString(marker, StandardCharsets.UTF_8).equals(fingerprint)) {
        return Optional.of(target.resolve("bin"));
      }
      Path temp = tools.resolve("postgres.tmp");
      deleteTree(temp);
      Files.createDirectories(temp);
      try (InputStream in = new BufferedInputStream(url.openStream());
          XZCompressorInputStream xz = new XZCompressorInputStream(in);
          TarArchiveInputStream tar = new TarArchiveInputStream(xz)) {
        unpack(tar, temp);
      }
      Files.writeString(temp.resolve(".unpacked"), fingerprint, StandardCharsets.UTF_8);
      deleteTree(target);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      return Optional.of(target.resolve("bin"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot unpack the embedded PostgreSQL to " + target, e);
    }
  }

  private static void unpack(TarArchiveInputStream tar, Path dir) throws IOException {
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      Path target = dir.resolve(entry.getName()).normalize();
      if (!target.startsWith(dir)) {
        throw new IOException("archive entry outside its directory: " + entry.getName());
      }
      if (entry.isDirectory()) {
        Files.createDirectories(target);
      } else if (entry.isSymbolicLink()) {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
      } else if (entry.isLink()) {
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        Files.createLink(target, dir.resolve(entry.getLinkName()).normalize());
      } else {
        Files.createDirectories(target.getParent());
        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        if ((entry.getMode() & 0100) != 0) {
          makeExecutable(target);
        }
      }
    }
  }

  private static long size(URL url) throws IOException {
    URLConnection connection = url.openConnection();
    long length = connection.getContentLengthLong();
    if (length >= 0) {
      return length;
    }
    try (InputStream in = connection.getInputStream()) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  private static void makeExecutable(Path file) throws IOException {
    try {
      Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
      permissions.add(PosixFilePermission.OWNER_EXECUTE);
      permissions.add(PosixFilePermission.GROUP_EXECUTE);
      permissions.add(PosixFilePermission.OTHERS_EXECUTE);
      Files.setPosixFilePermissions(file, permissions);
    } catch (UnsupportedOperationException e) {
      if (!file.toFile().setExecutable(true)) {
        throw new IOException("cannot make " + file + " executable", e);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
