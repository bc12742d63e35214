package io.budai.admin.tokens;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Metadata of an API key, never its secret: what listings and user details show. */
record TokenInfo(
    long id,
    long userId,
    String tokenPrefix,
    List<String> scopes,
    @Nullable String name,
    Instant createdAt,
    @Nullable Instant expiresAt,
    @Nullable Instant lastUsedAt) {}
