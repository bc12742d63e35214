package io.budai.admin.plans;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** A plan with its per-model limits. */
public record PlanResponse(
    long id,
    String name,
    @Nullable String description,
    ObjectNode data,
    List<ModelLimit> limits,
    Instant createdAt,
    Instant updatedAt) {}
