package io.budai.admin.users;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A BudAI user as stored in {@code admin.users}.
 *
 * @param maxConcurrentBots how many bots the user may run at once; 0 means none (never "unlimited")
 * @param data free-form JSON the operator or the user's integrations keep on the user
 */
public record User(
    long id,
    String email,
    @Nullable String name,
    @Nullable String imageUrl,
    int maxConcurrentBots,
    ObjectNode data,
    Instant createdAt,
    Instant updatedAt) {}
