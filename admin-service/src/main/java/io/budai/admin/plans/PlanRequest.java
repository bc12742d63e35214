package io.budai.admin.plans;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Body of {@code POST /admin/plans} and {@code PUT /admin/plans/{id}}. */
record PlanRequest(
    @NotBlank @Size(max = 100) String name,
    @Nullable String description,
    @Nullable ObjectNode data,
    @Nullable @Valid @Size(max = 200) List<ModelLimit> limits) {}
