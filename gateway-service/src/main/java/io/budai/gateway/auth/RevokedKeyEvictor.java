package io.budai.gateway.auth;

import io.budai.contracts.events.ApiKeyRevoked;
import io.budai.platform.bus.EventHandler;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code apikey.revoked}: writes a tombstone over the key's cache entry, so a revoked key
 * is refused by every gateway replica (they share the Redis cache) as soon as the event arrives —
 * well within a second — instead of when the cache entry expires.
 */
@Component
class RevokedKeyEvictor {

  private final ApiKeyResolver resolver;

  RevokedKeyEvictor(ApiKeyResolver resolver) {
    this.resolver = resolver;
  }

  @EventHandler
  void on(ApiKeyRevoked revoked) {
    // Bus handlers run off the event loop; waiting here is safe and makes a Redis failure a retry.
    resolver.revoke(revoked.tokenHash()).block(Duration.ofSeconds(5));
  }
}
