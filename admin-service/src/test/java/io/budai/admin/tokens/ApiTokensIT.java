package io.budai.admin.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.admin.AdminHttp;
import io.budai.admin.AdminHttp.Reply;
import io.budai.admin.BusStream;
import io.budai.contracts.BudaiHeaders;
import io.budai.test.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/** Minting, listing, verifying and revoking API keys (Vexa's token routes + internal verify). */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "budai.admin.admin-token=" + AdminHttp.ADMIN_TOKEN)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RealInfrastructure(postgres = true)
class ApiTokensIT {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired StringRedisTemplate redis;
  AdminHttp http;

  @BeforeEach
  void client() {
    http = new AdminHttp(port);
  }

  @Test
  void mintsAScopedKeyShownOnceAndStoresOnlyItsHashAndPrefix() {
    long user = createUser("mint@example.com");
    Reply minted =
        http.admin("POST", "/admin/users/" + user + "/tokens?scopes=bot,tx&name=ci", null);
    assertThat(minted.status()).as(minted.body()).isEqualTo(201);
    JsonNode token = minted.json();
    assertThat(token.properties())
        .extracting(java.util.Map.Entry::getKey)
        .containsExactlyInAnyOrder(
            "id", "token", "user_id", "scopes", "name", "created_at", "expires_at");
    String secret = token.get("token").asString();
    assertThat(secret).startsWith("budai_").hasSize(46);
    assertThat(token.get("user_id").asLong()).isEqualTo(user);
    assertThat(token.get("scopes").toString()).isEqualTo("[\"bot\",\"tx\"]");
    assertThat(token.get("name").asString()).isEqualTo("ci");
    assertThat(token.get("expires_at").isNull()).isTrue();

    // Only the SHA-256 and a short prefix are stored.
    String stored =
        jdbc.sql("SELECT token_hash || ' ' || token_prefix FROM api_tokens WHERE id = :id")
            .param("id", token.get("id").asLong())
            .query(String.class)
            .single();
    assertThat(stored).isEqualTo(TokenHashes.sha256Hex(secret) + " " + secret.substring(0, 12));

    Reply listed = http.admin("GET", "/admin/users/" + user + "/tokens", null);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body()).doesNotContain(secret).doesNotContain("\"token\"");
    assertThat(listed.json().get(0).get("token_prefix").asString())
        .isEqualTo(secret.substring(0, 12));
    assertThat(http.admin("GET", "/admin/users/" + user, null).json().get("api_tokens").size())
        .isEqualTo(1);
  }

  @Test
  void acceptsScopesNameAndExpiryInTheBodyInEitherForm() {
    long user = createUser("body@example.com");
    Reply list =
        http.admin(
            "POST",
            "/admin/users/" + user + "/tokens",
            "{\"scopes\":[\"tx\"],\"name\":\"reader\",\"expires_in\":3600}");
    assertThat(list.status()).as(list.body()).isEqualTo(201);
    assertThat(list.json().get("scopes").toString()).isEqualTo("[\"tx\"]");
    assertThat(Instant.parse(list.json().get("expires_at").asString()))
        .isBetween(Instant.now().plusSeconds(3500), Instant.now().plusSeconds(3700));

    Reply csv = http.admin("POST", "/admin/users/" + user + "/tokens", "{\"scope\":\"bot\"}");
    assertThat(csv.json().get("scopes").toString()).isEqualTo("[\"bot\"]");

    Reply none = http.admin("POST", "/admin/users/" + user + "/tokens", null);
    assertThat(none.json().get("scopes").toString()).isEqualTo("[\"bot\",\"tx\"]");
  }

  @Test
  void refusesUnknownScopesBadExpiriesAndMissingUsersOrTokens() {
    long user = createUser("bad@example.com");
    problem(http.admin("POST", "/admin/users/" + user + "/tokens?scopes=root", null), 400);
    problem(http.admin("POST", "/admin/users/" + user + "/tokens", "{\"scopes\":{\"a\":1}}"), 400);
    problem(http.admin("POST", "/admin/users/" + user + "/tokens?expires_in=0", null), 400);
    problem(http.admin("POST", "/admin/users/" + user + "/tokens?expires_in=abc", null), 400);
    problem(http.admin("POST", "/admin/users/99999/tokens", null), 404);
    problem(http.admin("GET", "/admin/users/99999/tokens", null), 404);
    problem(http.admin("DELETE", "/admin/tokens/99999", null), 404);
  }

  @Test
  void verifiesAKeyForServicesOnly() {
    long user = createUser("verify@example.com");
    String key = mint(user, "tx", null);

    Reply verified = http.internal("POST", "/internal/auth/verify", "{\"token\":\"" + key + "\"}");
    assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    assertThat(verified.json().get("user_id").asLong()).isEqualTo(user);
    assertThat(verified.json().get("scopes").toString()).isEqualTo("[\"tx\"]");
    assertThat(verified.json().get("limits").get("max_concurrent_bots").asInt()).isEqualTo(3);

    Reply byHeader =
        http.send(
            "POST",
            "/internal/auth/verify",
            null,
            BudaiHeaders.INTERNAL_TOKEN,
            io.budai.test.TestInfrastructure.INTERNAL_TOKEN,
            BudaiHeaders.API_KEY,
            key);
    assertThat(byHeader.status()).isEqualTo(200);
    assertThat(
            jdbc.sql("SELECT last_used_at IS NOT NULL FROM api_tokens WHERE user_id = :u")
                .param("u", user)
                .query(Boolean.class)
                .single())
        .isTrue();

    problem(http.send("POST", "/internal/auth/verify", "{\"token\":\"" + key + "\"}"), 401);
    problem(http.admin("POST", "/internal/auth/verify", "{\"token\":\"" + key + "\"}"), 401);
    problem(http.internal("POST", "/internal/auth/verify", "{\"token\":\"budai_nope\"}"), 401);
    problem(http.internal("POST", "/internal/auth/verify", "{}"), 401);
  }

  @Test
  void aRevokedKeyStopsVerifyingAndAnExpiredOneToo() {
    long user = createUser("revoke@example.com");
    Reply minted = http.admin("POST", "/admin/users/" + user + "/tokens", null);
    String key = minted.json().get("token").asString();
    long id = minted.json().get("id").asLong();
    assertThat(verify(key).status()).isEqualTo(200);

    assertThat(http.admin("DELETE", "/admin/tokens/" + id, null).status()).isEqualTo(204);
    problem(verify(key), 401);
    problem(http.admin("DELETE", "/admin/tokens/" + id, null), 404);

    String shortLived = mint(user, "bot", 1L);
    assertThat(verify(shortLived).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              Reply expired = verify(shortLived);
              problem(expired, 401);
              assertThat(expired.json().get("type").asString()).endsWith("/expired-api-key");
            });
  }

  @Test
  void deletingAUserRevokesItsKeysAndAnnouncesEach() {
    long user = createUser("gone@example.com");
    String first = mint(user, "bot", null);
    String second = mint(user, "tx", null);
    assertThat(http.admin("DELETE", "/admin/users/" + user, null).status()).isEqualTo(204);
    problem(verify(first), 401);
    problem(verify(second), 401);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(BusStream.events(redis, "apikey.revoked"))
                    .anySatisfy(e -> assertThat(e).contains(TokenHashes.sha256Hex(first)))
                    .anySatisfy(e -> assertThat(e).contains(TokenHashes.sha256Hex(second))));
  }

  @Test
  void aRevocationIsAnnouncedOnTheBusThroughTheOutbox() {
    long user = createUser("announce@example.com");
    Reply minted = http.admin("POST", "/admin/users/" + user + "/tokens", null);
    String hash = TokenHashes.sha256Hex(minted.json().get("token").asString());
    assertThat(
            http.admin("DELETE", "/admin/tokens/" + minted.json().get("id").asLong(), null)
                .status())
        .isEqualTo(204);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              String event =
                  BusStream.events(redis, "apikey.revoked").stream()
                      .filter(e -> e.contains(hash))
                      .findFirst()
                      .orElseThrow();
              JsonNode envelope = AdminHttp.json().readTree(event);
              assertThat(envelope.get("payload").get("token_hash").asString()).isEqualTo(hash);
              assertThat(envelope.get("source").asString()).isEqualTo("admin-service");
              assertThat(envelope.get("user_id").asString()).isEqualTo(String.valueOf(user));
            });
    // Relayed rows leave the outbox.
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> jdbc.sql("SELECT count(*) FROM event_outbox").query(Long.class).single() == 0L);
  }

  private Reply verify(String key) {
    return http.internal("POST", "/internal/auth/verify", "{\"token\":\"" + key + "\"}");
  }

  private String mint(long user, String scopes, Long expiresIn) {
    String query = "?scopes=" + scopes + (expiresIn == null ? "" : "&expires_in=" + expiresIn);
    Reply reply = http.admin("POST", "/admin/users/" + user + "/tokens" + query, null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return reply.json().get("token").asString();
  }

  private long createUser(String email) {
    return http.admin("POST", "/admin/users", "{\"email\":\"" + email + "\"}")
        .json()
        .get("id")
        .asLong();
  }

  static void problem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }
}
