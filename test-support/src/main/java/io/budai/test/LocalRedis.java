package io.budai.test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Redis server private to this JVM: the machine's {@code redis-server} binary when there is one,
 * else the embedded Redis shipped as a Maven artifact. It listens on a free loopback port, keeps
 * nothing on disk, and stops when the JVM exits.
 */
final class LocalRedis {

  private final int port;
  private final AutoCloseable handle;

  private LocalRedis(int port, AutoCloseable handle) {
    this.port = port;
    this.handle = handle;
  }

  static LocalRedis start() {
    int port = freePort();
    Optional<Path> binary = findBinary();
    try {
      AutoCloseable handle =
          binary.isPresent() ? startBinary(binary.get(), port) : startEmbedded(port);
      awaitPort(port, Duration.ofSeconds(20));
      return new LocalRedis(port, handle);
    } catch (Exception e) {
      throw new IllegalStateException("Could not start a private Redis on port " + port, e);
    }
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  void stop() {
    try {
      handle.close();
    } catch (Exception ignored) {
      // the JVM is exiting; nothing left to do
    }
  }

  private static Optional<Path> findBinary() {
    for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
      Path path = Path.of(candidate);
      if (Files.isExecutable(path)) {
        return Optional.of(path);
      }
    }
    return Optional.empty();
  }

  private static AutoCloseable startBinary(Path binary, int port) throws IOException {
    Path dir = Files.createTempDirectory("budai-test-redis");
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                dir.toString(),
                "--daemonize",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("redis.log").toFile())
            .start();
    return () -> {
      process.destroy();
      process.waitFor();
    };
  }

  private static AutoCloseable startEmbedded(int port) throws IOException {
    redis.embedded.RedisServer server =
        redis.embedded.RedisServer.newRedisServer()
            .port(port)
            .bind("127.0.0.1")
            .setting("save \"\"")
            .setting("appendonly no")
            .build();
    server.start();
    return server::stop;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void awaitPort(int port, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("Nothing listens on port " + port + " after " + timeout);
  }
}
