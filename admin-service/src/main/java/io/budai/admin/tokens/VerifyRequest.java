package io.budai.admin.tokens;

import org.jspecify.annotations.Nullable;

/** Body of {@code POST /internal/auth/verify}; the key may come in {@code X-API-Key} instead. */
record VerifyRequest(@Nullable String token) {}
