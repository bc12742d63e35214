package io.budai.gateway;

import io.budai.contracts.BudaiHeaders;
import io.budai.test.TestInfrastructure;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * admin-service's {@code POST /internal/auth/verify} as the gateway sees it: the same request
 * ({@code {"token": …}} with {@code X-Internal-Token}) and the same answers (200 with {@code
 * user_id}, {@code scopes}, {@code expires_at}; 401 problems otherwise). admin-service's own tests
 * pin that contract on the real implementation.
 */
public final class FakeKeys {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final SecureRandom RANDOM = new SecureRandom();

  record Key(long userId, List<String> scopes, @Nullable Instant expiresAt) {}

  private final Map<String, Key> keys = new ConcurrentHashMap<>();
  private final AtomicInteger verifications = new AtomicInteger();

  /** Mints a key for {@code userId} with {@code scopes}. */
  public String mint(long userId, List<String> scopes, @Nullable Instant expiresAt) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String key = "budai_test" + HexFormat.of().formatHex(random);
    keys.put(key, new Key(userId, List.copyOf(scopes), expiresAt));
    return key;
  }

  public String mint(long userId, String... scopes) {
    return mint(userId, List.of(scopes), null);
  }

  /** Deletes the key, as admin-service does on {@code DELETE /admin/tokens/{id}}. */
  public void delete(String key) {
    keys.remove(key);
  }

  public int verifications() {
    return verifications.get();
  }

  /** The handler to plug into the admin-service {@link FakeDownstream}. */
  public FakeDownstream.@Nullable Answer handle(FakeDownstream.Received request) {
    if (!request.uri().equals("/internal/auth/verify")) {
      return null;
    }
    verifications.incrementAndGet();
    if (!"POST".equals(request.method())
        || !TestInfrastructure.INTERNAL_TOKEN.equals(request.header(BudaiHeaders.INTERNAL_TOKEN))) {
      return problem("internal-token-required");
    }
    JsonNode body = JSON.readTree(request.body());
    Key key = keys.get(body.path("token").asString(""));
    if (key == null) {
      return problem("invalid-api-key");
    }
    if (key.expiresAt() != null && !key.expiresAt().isAfter(Instant.now())) {
      return problem("expired-api-key");
    }
    return new FakeDownstream.Answer(
        200,
        "application/json",
        JSON.writeValueAsString(
                Map.of(
                    "user_id",
                    key.userId(),
                    "token_id",
                    1,
                    "scopes",
                    key.scopes(),
                    "expires_at",
                    key.expiresAt() == null ? "" : key.expiresAt().toString(),
                    "email",
                    "user" + key.userId() + "@example.com"))
            .replace("\"expires_at\":\"\"", "\"expires_at\":null"));
  }

  private static FakeDownstream.Answer problem(String slug) {
    return new FakeDownstream.Answer(
        401,
        "application/problem+json",
        "{\"type\":\"https://budai.dev/problems/"
            + slug
            + "\",\"status\":401,\"title\":\"Unauthorized\",\"detail\":\""
            + slug
            + "\"}");
  }
}
