package io.budai.admin.tokens;

import java.util.List;

/**
 * Published inside the transaction that deletes API keys, with the SHA-256 of each: the outbox
 * turns it into {@code apikey.revoked} events so the gateway evicts its cache.
 */
public record ApiKeysRevoked(long userId, List<String> tokenHashes) {}
