package io.budai.deploy.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.deploy.config.DatabaseUrl;
import io.budai.deploy.config.DotEnv;
import io.budai.deploy.config.FleetEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private Redis and PostgreSQL keep their data across a stop and a start, as {@code down} then
 * {@code up} do. Redis runs the embedded binary here (the machine's one is what the fleet IT uses),
 * so both of its sources are exercised.
 */
class PrivateInfrastructureIT {

  private static final FleetEnvironment NO_URLS = FleetEnvironment.merge(DotEnv.empty(), Map.of());

  @TempDir Path home;
  private final CapturedConsole console = new CapturedConsole();
  private RunState state;

  @AfterEach
  void stopEverything() {
    if (state != null) {
      new Stopper().stop(state.records(), Duration.ofSeconds(10));
    }
  }

  @Test
  void redisKeepsItsDataAcrossARestartOnTheSamePortAndPassword() throws Exception {
    Workspace workspace = new Workspace(home, home);
    state = new RunState(workspace.run());
    RedisProvisioner redis =
        new RedisProvisioner(workspace, state, new Launcher(), console.console, false);

    Provisioned first = redis.provision(NO_URLS, Duration.ofMinutes(1));
    assertThat(command(first.url(), "SET", "budai:test", "kept")).isEqualTo("+OK");
    assertThat(Health.redis(first.url().replaceFirst(":[^:@]*@", ":wrong@")).up()).isFalse();
    stop(first);
    Provisioned second = redis.provision(NO_URLS, Duration.ofMinutes(1));

    assertThat(second.url()).isEqualTo(first.url());
    assertThat(command(second.url(), "GET", "budai:test")).isEqualTo("$4");
    assertThat(console.out()).contains("Redis       private redis-server-6.2");
    assertThat(Files.exists(home.resolve("tools"))).isTrue();
  }

  @Test
  void postgresKeepsItsDataAcrossARestart() throws Exception {
    Workspace workspace = new Workspace(home, home);
    state = new RunState(workspace.run());
    PostgresProvisioner postgres =
        new PostgresProvisioner(workspace, state, new Launcher(), console.console, true);

    Provisioned first = postgres.provision(NO_URLS, Duration.ofMinutes(2));
    try (Connection connection = Health.connect(DatabaseUrl.parse(first.url()), "budai");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE kept (v text)");
      statement.execute("INSERT INTO kept VALUES ('across restarts')");
    }
    stop(first);
    Provisioned second = postgres.provision(NO_URLS, Duration.ofMinutes(2));

    assertThat(second.url()).isEqualTo(first.url());
    try (Connection connection = Health.connect(DatabaseUrl.parse(second.url()), "budai");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT v FROM kept")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("across restarts");
    }
    assertThat(console.out()).containsOnlyOnce("creating the data directory");
    assertThat(Files.exists(home.resolve("data/postgres.pwfile"))).isFalse();
  }

  @Test
  void anExternalUrlIsUsedAsItIsAndNothingStarts() {
    Workspace workspace = new Workspace(home, home);
    state = new RunState(workspace.run());
    FleetEnvironment external =
        FleetEnvironment.merge(
            DotEnv.empty(),
            Map.of(
                "REDIS_URL",
                "redis://127.0.0.1:1",
                "DATABASE_URL",
                "postgresql://u:secret@127.0.0.1:1/db"));

    Provisioned redis =
        new RedisProvisioner(workspace, state, new Launcher(), console.console, true)
            .provision(external, Duration.ofSeconds(5));
    Provisioned postgres =
        new PostgresProvisioner(workspace, state, new Launcher(), console.console, true)
            .provision(external, Duration.ofSeconds(5));

    assertThat(redis.isPrivate()).isFalse();
    assertThat(postgres.url()).isEqualTo("postgresql://u:secret@127.0.0.1:1/db");
    assertThat(state.records()).isEmpty();
    assertThat(console.out()).contains("NOT reachable now").doesNotContain("secret");
  }

  private void stop(Provisioned provisioned) {
    ProcessRecord record = provisioned.record().orElseThrow();
    assertThat(new Stopper().stop(List.of(record), Duration.ofSeconds(30)))
        .singleElement()
        .extracting(Stopper.Result::outcome)
        .isEqualTo(Stopper.Outcome.STOPPED);
    state.remove(record.name());
  }

  /** Sends one command over RESP after AUTH; returns the first line of the reply. */
  private static String command(String url, String... args) throws IOException {
    URI uri = URI.create(url);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      send(out, "AUTH", uri.getUserInfo().substring(1));
      assertThat(readLine(in)).isEqualTo("+OK");
      send(out, args);
      return readLine(in);
    }
  }

  private static void send(OutputStream out, String... args) throws IOException {
    StringBuilder resp = new StringBuilder("*" + args.length + "\r\n");
    for (String arg : args) {
      resp.append('$')
          .append(arg.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n")
          .append(arg)
          .append("\r\n");
    }
    out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
