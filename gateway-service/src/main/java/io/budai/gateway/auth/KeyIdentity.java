package io.budai.gateway.auth;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Whom a valid API key belongs to, as cached by the gateway.
 *
 * @param keyHash SHA-256 (hex) of the key: rate limits and the cache are keyed by it
 */
public record KeyIdentity(
    String keyHash, String userId, List<String> scopes, @Nullable Instant expiresAt) {

  /** Exchange attribute holding the identity of an authenticated request. */
  public static final String ATTRIBUTE = KeyIdentity.class.getName();

  boolean expired(Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }
}
