package io.budai.admin.users;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Vexa's {@code UserResponse}: what the admin API returns for a user. */
public record UserResponse(
    long id,
    String email,
    @Nullable String name,
    @Nullable String imageUrl,
    Instant createdAt,
    int maxConcurrentBots,
    ObjectNode data) {

  /** The response for {@code user}. */
  public static UserResponse of(User user) {
    return new UserResponse(
        user.id(),
        user.email(),
        user.name(),
        user.imageUrl(),
        user.createdAt(),
        user.maxConcurrentBots(),
        user.data());
  }
}
