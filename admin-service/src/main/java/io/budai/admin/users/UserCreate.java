package io.budai.admin.users;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Vexa's {@code UserCreate}: the body of {@code POST /admin/users}. */
record UserCreate(
    @NotBlank @Email @Size(max = 255) String email,
    @Nullable @Size(max = 100) String name,
    @Nullable String imageUrl,
    @Nullable @Min(0) Integer maxConcurrentBots,
    @Nullable ObjectNode data) {}
