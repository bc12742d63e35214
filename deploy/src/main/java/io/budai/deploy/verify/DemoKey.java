package io.budai.deploy.verify;

import io.budai.deploy.config.Secrets;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The demo API key {@code budai up} prints: the key of a demo user ({@value #EMAIL}), scopes {@code
 * bot} and {@code tx}, minted through the gateway's admin API once and kept in a private file. A
 * kept key that still works is reused; one that no longer does (revoked, or a new database) is
 * replaced by a fresh one.
 */
public final class DemoKey {

  /** The demo user's address. */
  public static final String EMAIL = "demo@budai.local";

  /**
   * What came of it.
   *
   * @param key the demo key, when there is one
   * @param detail how it was obtained ({@code reused}, {@code minted}, ...), or why there is none
   */
  public record Result(Optional<String> key, String detail) {}

  private final HttpClient http;

  public DemoKey() {
    this(
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build());
  }

  DemoKey(HttpClient http) {
    this.http = http;
  }

  /** The demo key for {@code gateway}, kept in {@code file}; never throws. */
  public Result ensure(String gateway, String adminToken, Path file) {
    GatewayCalls calls = new GatewayCalls(http, gateway);
    try {
      Optional<String> kept = Secrets.read(file);
      if (kept.isPresent()
          && calls.send("GET", "/meetings?limit=1", null, Map.of("X-API-Key", kept.get())).status()
              == 200) {
        return new Result(kept, "reused");
      }
      Map<String, String> admin = Map.of("X-Admin-API-Key", adminToken);
      SmokeFlow.Response user =
          calls.send(
              "POST", "/admin/users", "{\"email\":\"" + EMAIL + "\",\"name\":\"Demo\"}", admin);
      Optional<Object> id = user.field("id");
      if ((user.status() != 201 && user.status() != 200) || id.isEmpty()) {
        return new Result(Optional.empty(), "the admin API refused the demo user: " + user.brief());
      }
      SmokeFlow.Response minted =
          calls.send(
              "POST",
              "/admin/users/" + id.get() + "/tokens",
              "{\"scopes\":[\"bot\",\"tx\"],\"name\":\"budai up demo key\"}",
              admin);
      Optional<Object> token = minted.field("token");
      if (minted.status() != 201 || token.isEmpty()) {
        return new Result(Optional.empty(), "the admin API refused a key: " + minted.brief());
      }
      Secrets.writePrivate(file, String.valueOf(token.get()));
      return new Result(
          Optional.of(String.valueOf(token.get())),
          kept.isPresent() ? "minted anew: the kept key no longer worked" : "minted");
    } catch (IOException | RuntimeException e) {
      return new Result(Optional.empty(), "cannot reach " + calls.base() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(Optional.empty(), "interrupted");
    }
  }
}
