package io.budai.admin.tokens;

import io.budai.admin.outbox.EventOutbox;
import io.budai.contracts.events.ApiKeyRevoked;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Announces revoked keys as {@code apikey.revoked} (one per key, with its SHA-256) through the
 * outbox, in the transaction that deletes them; the gateway evicts its cache entry on it.
 */
@Component
class RevocationAnnouncer {

  private final EventOutbox outbox;

  RevocationAnnouncer(EventOutbox outbox) {
    this.outbox = outbox;
  }

  @EventListener
  void on(ApiKeysRevoked revoked) {
    for (String hash : revoked.tokenHashes()) {
      outbox.add(new ApiKeyRevoked(hash), String.valueOf(revoked.userId()));
    }
  }
}
