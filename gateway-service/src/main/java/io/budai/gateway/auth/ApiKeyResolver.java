package io.budai.gateway.auth;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.RedisKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves an API key to a {@link KeyIdentity}: from the Redis cache {@code budai:apikey:<sha256>}
 * when it is there, else from admin-service's {@code POST /internal/auth/verify}, whose answer is
 * cached (unknown keys briefly too). Revocations write a tombstone over the entry, and cache fills
 * use {@code SET NX}, so a verification that raced with a revocation cannot re-validate the key.
 * What Redis answered is also kept in memory for {@code local-cache-ttl} (half a second): the hot
 * path then needs no Redis round trip, and a revocation handled by another replica still reaches
 * this one within that time.
 */
public class ApiKeyResolver {

  private static final Logger log = LoggerFactory.getLogger(ApiKeyResolver.class);

  /** The outcome of a resolution. */
  public sealed interface Resolution {
    /** A valid key. */
    record Valid(KeyIdentity identity) implements Resolution {}

    /** No such key, or it was revoked or expired. */
    record Invalid(String slug, String detail) implements Resolution {}

    /** The key could not be checked (admin-service down): neither accepted nor refused. */
    record Unavailable(String detail) implements Resolution {}
  }

  private final ReactiveStringRedisTemplate redis;
  private final WebClient admin;
  private final JsonMapper json;
  private final AuthProperties properties;
  private final String internalToken;

  /** A replica-local copy of what Redis said about a key, for {@code local-cache-ttl}. */
  private record Local(Resolution resolution, long expiresAtNanos) {}

  private final java.util.concurrent.ConcurrentHashMap<String, Local> localCache =
      new java.util.concurrent.ConcurrentHashMap<>();

  ApiKeyResolver(
      ReactiveStringRedisTemplate redis,
      WebClient admin,
      JsonMapper json,
      AuthProperties properties,
      String internalToken) {
    this.redis = redis;
    this.admin = admin;
    this.json = json;
    this.properties = properties;
    this.internalToken = internalToken;
  }

  /** Resolves {@code key}; never errors (failures become {@link Resolution.Unavailable}). */
  public Mono<Resolution> resolve(String key) {
    String hash = Sha256.hex(key);
    Resolution local = local(hash);
    if (local != null) {
      return Mono.just(checkExpiry(local, Instant.now()));
    }
    String cacheKey = RedisKeys.apiKey(hash);
    return redis
        .opsForValue()
        .get(cacheKey)
        .map(cached -> remember(hash, fromCache(hash, cached)))
        .onErrorResume(
            e -> {
              log.warn("API key cache unavailable, verifying directly: {}", e.toString());
              return Mono.empty();
            })
        .switchIfEmpty(Mono.defer(() -> verify(key, hash, cacheKey)))
        .map(resolution -> checkExpiry(resolution, Instant.now()));
  }

  /** Marks the key with this hash revoked in the cache (the gateway's reaction to revocation). */
  public Mono<Boolean> revoke(String hash) {
    localCache.remove(hash);
    return redis
        .opsForValue()
        .set(RedisKeys.apiKey(hash), "{\"revoked\":true}", properties.keyCacheTtl());
  }

  private @Nullable Resolution local(String hash) {
    Local local = localCache.get(hash);
    if (local == null) {
      return null;
    }
    if (System.nanoTime() - local.expiresAtNanos() >= 0) {
      localCache.remove(hash, local);
      return null;
    }
    return local.resolution();
  }

  private Resolution remember(String hash, Resolution resolution) {
    long ttl = properties.localCacheTtl().toNanos();
    if (ttl > 0) {
      if (localCache.size() >= properties.localCacheSize()) {
        localCache.clear(); // crude but bounded: a flood of distinct keys cannot grow the heap
      }
      localCache.put(hash, new Local(resolution, System.nanoTime() + ttl));
    }
    return resolution;
  }

  private Resolution fromCache(String hash, String cached) {
    JsonNode node = json.readTree(cached);
    if (node.has("revoked")) {
      return new Resolution.Invalid("revoked-api-key", "This API key has been revoked.");
    }
    if (node.has("invalid")) {
      return new Resolution.Invalid("invalid-api-key", "Invalid API key.");
    }
    return new Resolution.Valid(identity(hash, node));
  }

  private Mono<Resolution> verify(String key, String hash, String cacheKey) {
    return admin
        .post()
        .uri("/internal/auth/verify")
        .header(BudaiHeaders.INTERNAL_TOKEN, internalToken)
        .bodyValue(Map.of("token", key))
        .retrieve()
        .bodyToMono(String.class)
        .timeout(properties.verifyTimeout())
        .flatMap(
            body -> {
              JsonNode node = json.readTree(body);
              KeyIdentity identity = identity(hash, node);
              Duration ttl = ttl(identity);
              Resolution valid = new Resolution.Valid(identity);
              if (ttl.isZero()) {
                return Mono.just(valid);
              }
              return cache(cacheKey, json.writeValueAsString(cacheEntry(identity)), ttl)
                  .thenReturn(valid);
            })
        .onErrorResume(
            WebClientResponseException.class,
            e -> {
              if (e.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
                return invalid(e, cacheKey);
              }
              log.warn("Key verification failed with HTTP {}", e.getStatusCode().value());
              return Mono.just(unavailable());
            })
        .onErrorResume(
            e -> !(e instanceof WebClientResponseException),
            e -> {
              log.warn("Key verification failed: {}", e.toString());
              return Mono.just(unavailable());
            });
  }

  private Mono<Resolution> invalid(WebClientResponseException e, String cacheKey) {
    String slug = "invalid-api-key";
    String detail = "Invalid API key.";
    try {
      JsonNode problem = json.readTree(e.getResponseBodyAsString());
      String type = problem.path("type").asString("");
      if (type.endsWith("/expired-api-key")) {
        slug = "expired-api-key";
        detail = problem.path("detail").asString(detail);
      }
    } catch (RuntimeException ignored) {
      // a 401 without a readable problem is still a refusal
    }
    Resolution refused = new Resolution.Invalid(slug, detail);
    return cache(cacheKey, "{\"invalid\":true}", properties.negativeCacheTtl()).thenReturn(refused);
  }

  private Mono<Boolean> cache(String key, String value, Duration ttl) {
    return redis
        .opsForValue()
        .setIfAbsent(key, value, ttl)
        .onErrorResume(
            e -> {
              log.warn("Could not cache API key: {}", e.toString());
              return Mono.just(false);
            });
  }

  private Duration ttl(KeyIdentity identity) {
    Duration ttl = properties.keyCacheTtl();
    if (identity.expiresAt() != null) {
      Duration left = Duration.between(Instant.now(), identity.expiresAt());
      if (left.isNegative() || left.isZero()) {
        return Duration.ZERO;
      }
      if (left.compareTo(ttl) < 0) {
        ttl = left;
      }
    }
    return ttl.toMillis() < 1 ? Duration.ZERO : ttl;
  }

  private static Resolution checkExpiry(Resolution resolution, Instant now) {
    if (resolution instanceof Resolution.Valid valid && valid.identity().expired(now)) {
      return new Resolution.Invalid(
          "expired-api-key", "The API key expired at " + valid.identity().expiresAt() + ".");
    }
    return resolution;
  }

  private static Resolution unavailable() {
    return new Resolution.Unavailable("The API key cannot be verified right now; try again.");
  }

  private static Map<String, Object> cacheEntry(KeyIdentity identity) {
    Map<String, Object> entry = new java.util.LinkedHashMap<>();
    entry.put("user_id", identity.userId());
    entry.put("scopes", identity.scopes());
    entry.put("expires_at", identity.expiresAt() == null ? null : identity.expiresAt().toString());
    return entry;
  }

  private static KeyIdentity identity(String hash, JsonNode node) {
    List<String> scopes = new ArrayList<>();
    node.path("scopes").forEach(s -> scopes.add(s.asString()));
    JsonNode expires = node.path("expires_at");
    @Nullable Instant expiresAt =
        expires.isMissingNode() || expires.isNull() ? null : Instant.parse(expires.asString());
    return new KeyIdentity(hash, node.path("user_id").asString(), List.copyOf(scopes), expiresAt);
  }
}
