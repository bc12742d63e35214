package io.budai.admin.tokens;

import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Optional body of {@code POST /admin/users/{id}/tokens} (Vexa v0.10+): {@code scopes} or {@code
 * scope} as a comma-separated string or a list, a {@code name}, and {@code expires_in} seconds.
 */
record TokenCreate(
    @Nullable JsonNode scopes,
    @Nullable JsonNode scope,
    @Nullable @Size(max = 100) String name,
    @Nullable @Positive Long expiresIn) {}
