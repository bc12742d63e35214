package io.budai.deploy.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo key against a gateway speaking BudAI's admin API (Vexa's: find-or-create user 201/200,
 * mint 201 with the token shown once) and refusing unknown keys with 401.
 */
class DemoKeyTests {

  @TempDir Path home;

  HttpServer gateway;
  final Set<String> validKeys = ConcurrentHashMap.newKeySet();
  final Map<String, Integer> users = new ConcurrentHashMap<>();
  final AtomicInteger minted = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    gateway.createContext("/meetings", this::meetings);
    gateway.createContext("/admin/users", this::admin);
    gateway.start();
  }

  @AfterEach
  void stop() {
    gateway.stop(0);
  }

  String url() {
    return "http://127.0.0.1:" + gateway.getAddress().getPort();
  }

  void meetings(HttpExchange exchange) throws IOException {
    String key = exchange.getRequestHeaders().getFirst("X-API-Key");
    if (key != null && validKeys.contains(key)) {
      answer(exchange, 200, "{\"meetings\":[]}");
    } else {
      answer(exchange, 401, "{\"type\":\"https://budai.dev/problems/invalid-api-key\"}");
    }
  }

  void admin(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (!"admin-secret".equals(exchange.getRequestHeaders().getFirst("X-Admin-API-Key"))) {
      answer(exchange, 401, "{\"title\":\"Unauthorized\"}");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/admin/users")) {
      assertThat(body).contains("\"email\":\"" + DemoKey.EMAIL + "\"");
      Integer existing = users.putIfAbsent(DemoKey.EMAIL, users.size() + 7);
      answer(
          exchange,
          existing == null ? 201 : 200,
          "{\"id\":" + users.get(DemoKey.EMAIL) + ",\"email\":\"" + DemoKey.EMAIL + "\"}");
    } else if (path.equals("/admin/users/7/tokens")) {
      assertThat(body).contains("\"scopes\":[\"bot\",\"tx\"]");
      String token = "demo-key-" + minted.incrementAndGet();
      validKeys.add(token);
      answer(exchange, 201, "{\"id\":" + minted.get() + ",\"token\":\"" + token + "\"}");
    } else {
      answer(exchange, 404, "{}");
    }
  }

  static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void mintsOnceKeepsTheKeyPrivateAndReusesIt() throws IOException {
    Path file = home.resolve("demo-api-key");
    DemoKey.Result first = new DemoKey().ensure(url(), "admin-secret", file);
    assertThat(first.key()).hasValue("demo-key-1");
    assertThat(first.detail()).isEqualTo("minted");
    assertThat(Files.readString(file)).isEqualTo("demo-key-1");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    DemoKey.Result again = new DemoKey().ensure(url() + "/", "admin-secret", file);
    assertThat(again.key()).hasValue("demo-key-1");
    assertThat(again.detail()).isEqualTo("reused");
    assertThat(minted).hasValue(1);
  }

  @Test
  void aKeptKeyThatNoLongerWorksIsReplaced() throws IOException {
    Path file = home.resolve("demo-api-key");
    new DemoKey().ensure(url(), "admin-secret", file);
    validKeys.clear(); // revoked, or the database was reset

    DemoKey.Result replaced = new DemoKey().ensure(url(), "admin-secret", file);
    assertThat(replaced.key()).hasValue("demo-key-2");
    assertThat(replaced.detail()).contains("minted anew");
    assertThat(Files.readString(file)).isEqualTo("demo-key-2");
    assertThat(users).hasSize(1); // the same demo user (found: 200)
  }

  @Test
  void aRefusedAdminTokenGivesNoKeyAndSaysWhy() {
    Path file = home.resolve("demo-api-key");
    DemoKey.Result refused = new DemoKey().ensure(url(), "wrong", file);
    assertThat(refused.key()).isEmpty();
    assertThat(refused.detail()).contains("refused the demo user").contains("401");
    assertThat(file).doesNotExist();
  }

  @Test
  void anUnreachableGatewayGivesNoKeyAndSaysWhy() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    DemoKey.Result unreachable =
        new DemoKey()
            .ensure("http://127.0.0.1:" + closed, "admin-secret", home.resolve("demo-api-key"));
    assertThat(unreachable.key()).isEmpty();
    assertThat(unreachable.detail()).startsWith("cannot reach http://127.0.0.1:" + closed);
  }
}
