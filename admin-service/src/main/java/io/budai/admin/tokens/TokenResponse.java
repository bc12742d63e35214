package io.budai.admin.tokens;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Vexa's {@code TokenResponse} (v0.10+): a freshly minted key. The only response that ever carries
 * {@code token}.
 */
record TokenResponse(
    long id,
    String token,
    long userId,
    List<String> scopes,
    @Nullable String name,
    Instant createdAt,
    @Nullable Instant expiresAt) {}
