package io.budai.admin.tokens;

import io.budai.admin.plans.EffectiveLimits;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Answer of {@code POST /internal/auth/verify}: whom a valid key belongs to and what it may do. The
 * gateway caches it (by the key's SHA-256) until {@code expires_at} at the latest.
 */
record VerifiedKey(
    long userId,
    long tokenId,
    List<String> scopes,
    @Nullable Instant expiresAt,
    String email,
    EffectiveLimits limits) {}
