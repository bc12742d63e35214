package io.budai.platform.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.budai.contracts.events.ApiKeyRevoked;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/** A service whose Redis is not there yet starts anyway, reports not ready, and recovers. */
class RedisOutageIT {

  private final BusApps apps = new BusApps();
  private AutoCloseable lateRedis;

  @AfterEach
  void stop() throws Exception {
    apps.close();
    if (lateRedis != null) {
      lateRedis.close();
    }
  }

  static final class Revocations {
    final BlockingQueue<ApiKeyRevoked> received = new LinkedBlockingQueue<>();

    @EventHandler
    void on(ApiKeyRevoked event) {
      received.add(event);
    }
  }

  @Test
  void busKeepsRetryingWhileRedisIsDownAndConsumesOnceItIsUp() throws Exception {
    int port = freePort();
    Revocations handler = new Revocations();
    ConfigurableApplicationContext app =
        apps.startNoWait(
            "it-outage-" + UUID.randomUUID().toString().substring(0, 8),
            ctx -> ctx.registerBean(Revocations.class, () -> handler),
            "spring.data.redis.url=redis://127.0.0.1:" + port,
            "spring.data.redis.connect-timeout=500ms",
            "budai.bus.publish-timeout=1s");
    EventBusHealthIndicator health = app.getBean(EventBusHealthIndicator.class);
    EventPublisher publisher = app.getBean(EventPublisher.class);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> app.getBean(EventBus.class).consumers().getFirst().lastError() != null);
    Health down = health.health();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(streamDetail(down)).containsEntry("state", "RECONNECTING").containsKey("error");
    assertThatThrownBy(() -> publisher.publish(new ApiKeyRevoked("early")))
        .isInstanceOf(EventBusException.class)
        .hasMessageContaining("Redis");

    lateRedis = startRedis(port);

    await().atMost(Duration.ofSeconds(20)).until(() -> health.health().getStatus() == Status.UP);
    publisher.publish(new ApiKeyRevoked("after-outage"));
    assertThat(handler.received.poll(10, java.util.concurrent.TimeUnit.SECONDS))
        .isEqualTo(new ApiKeyRevoked("after-outage"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> streamDetail(Health health) {
    Map<String, Object> streams = (Map<String, Object>) health.getDetails().get("streams");
    return (Map<String, Object>) streams.get("budai:events");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A Redis of this test's own on {@code port}: the machine's binary, else the embedded one. */
  private static AutoCloseable startRedis(int port) throws IOException {
    Path binary = Path.of("/usr/bin/redis-server");
    if (Files.isExecutable(binary)) {
      Path dir = Files.createTempDirectory("bus-outage-redis");
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
                  dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.log").toFile())
              .start();
      return () -> {
        process.destroy();
        process.waitFor();
      };
    }
    redis.embedded.RedisServer server =
        redis.embedded.RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
    server.start();
    return server::stop;
  }
}
