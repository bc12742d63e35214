package io.budai.admin.plans;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Body of {@code POST|PUT /admin/users/{id}/plan}. */
record UserPlanRequest(
    @NotNull Long planId, @Nullable Instant expiresAt, @Nullable ObjectNode data) {}
