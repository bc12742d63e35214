package io.budai.botmanager;

import io.budai.test.BootChecks;
import io.budai.test.TestInfrastructure;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * The real transcription-collector, started from its jar as a separate process on this JVM's test
 * Redis and a fresh PostgreSQL database: bot-manager talks to it over HTTP and the bus as in
 * production. One per test JVM, stopped when the JVM exits. The reactor builds the collector before
 * this module ({@code mvn -pl bot-manager-service -am verify}).
 */
public final class CollectorProcess {

  private static CollectorProcess shared;

  private final Process process;
  private final int port;
  private final String databaseUrl;

  private CollectorProcess(Process process, int port, String databaseUrl) {
    this.process = process;
    this.port = port;
    this.databaseUrl = databaseUrl;
  }

  /** The collector of this JVM, started on first use. */
  public static synchronized CollectorProcess shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** Its base URL. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Its port. */
  public int port() {
    return port;
  }

  /** JDBC URL of its database (user in the URL). */
  public String jdbcUrl() {
    return databaseUrl;
  }

  private static CollectorProcess start() {
    Path jar = jar();
    String jdbc = TestInfrastructure.newDatabase("collector_process");
    int port = freePort();
    Path log = Path.of("target", "collector-process.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("PORT", String.valueOf(port));
    env.put("REDIS_URL", TestInfrastructure.redisUrl());
    env.put("DATABASE_URL", postgresUrl(jdbc));
    env.put("BUDAI_INTERNAL_TOKEN", TestInfrastructure.INTERNAL_TOKEN);
    env.put("COLLECTOR_FLUSH_INTERVAL", "200ms");
    env.put("COLLECTOR_FLUSH_CONFIRMED_AFTER", "200ms");
    env.put("COLLECTOR_FINALIZE_GRACE", "3s");
    env.put("BUDAI_ADMIN_SERVICE_URL", "http://127.0.0.1:1");
    env.put("BUDAI_BUS_CLAIMIDLETIME", "3s");
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("Could not start the collector from " + jar, e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-collector-process"));
    CollectorProcess collector = new CollectorProcess(process, port, jdbc);
    Awaitility.await("transcription-collector ready (log: " + log.toAbsolutePath() + ")")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "The collector process exited; see " + log.toAbsolutePath());
              }
              try {
                return BootChecks.get(port, "/actuator/health/readiness").statusCode() == 200;
              } catch (IllegalStateException notYet) {
                return false;
              }
            });
    return collector;
  }

  private static Path jar() {
    Path target = Path.of("..", "transcription-collector", "target");
    try (Stream<Path> files = Files.list(target)) {
      List<Path> jars =
          files
              .filter(p -> p.getFileName().toString().matches("transcription-collector-.*\\.jar"))
              .toList();
      if (jars.isEmpty()) {
        throw new IllegalStateException("no jar");
      }
      return jars.getFirst().toAbsolutePath();
    } catch (IOException | IllegalStateException e) {
      throw new IllegalStateException(
          "transcription-collector's jar is missing in "
              + target.toAbsolutePath()
              + ": build with ./mvnw -pl bot-manager-service -am verify",
          e);
    }
  }

  /** {@code jdbc:postgresql://host:port/db?user=u} → {@code postgresql://u@host:port/db}. */
  static String postgresUrl(String jdbc) {
    String rest = jdbc.substring("jdbc:postgresql://".length());
    String user = "postgres";
    int query = rest.indexOf('?');
    if (query >= 0) {
      for (String param : rest.substring(query + 1).split("&")) {
        if (param.startsWith("user=")) {
          user = param.substring(5);
        }
      }
      rest = rest.substring(0, query);
    }
    return "postgresql://" + user + "@" + rest;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
