package io.budai.admin.plans;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** A user's plan assignment, with the plan. */
public record UserPlanResponse(
    long userId,
    PlanResponse plan,
    Instant startedAt,
    @Nullable Instant expiresAt,
    ObjectNode data,
    Instant updatedAt) {}
