package io.budai.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.test.BootChecks;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A service whose Redis is unreachable starts anyway, stays live, and reports not-ready until Redis
 * answers — it does not crash-loop.
 */
class RedisDownReadinessIT {

  @Test
  void startsLiveButNotReadyWithoutRedis() throws IOException {
    int deadRedisPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadRedisPort = socket.getLocalPort();
    }
    SpringApplication app = new SpringApplication(PlatformTestApp.class);
    try (ConfigurableApplicationContext context =
        app.run(
            "--server.port=0",
            "--spring.application.name=platform-test-noredis",
            "--spring.data.redis.url=redis://127.0.0.1:" + deadRedisPort,
            "--spring.data.redis.timeout=500ms",
            "--spring.data.redis.connect-timeout=500ms")) {
      int port = context.getEnvironment().getProperty("local.server.port", Integer.class, 0);

      HttpResponse<String> liveness = BootChecks.get(port, "/actuator/health/liveness");
      HttpResponse<String> readiness = BootChecks.get(port, "/actuator/health/readiness");

      assertThat(liveness.statusCode()).isEqualTo(200);
      assertThat(readiness.statusCode()).isEqualTo(503);
      assertThat(readiness.body()).contains("\"redis\"").contains("DOWN");
    }
  }
}
