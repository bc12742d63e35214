package io.budai.admin.tokens;

import io.budai.admin.users.UserResponse;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Vexa's {@code UserDetailResponse}: the user with its API keys' metadata (never the secrets). */
record UserDetailResponse(
    long id,
    String email,
    @Nullable String name,
    @Nullable String imageUrl,
    Instant createdAt,
    int maxConcurrentBots,
    ObjectNode data,
    List<TokenInfo> apiTokens) {

  static UserDetailResponse of(UserResponse user, List<TokenInfo> tokens) {
    return new UserDetailResponse(
        user.id(),
        user.email(),
        user.name(),
        user.imageUrl(),
        user.createdAt(),
        user.maxConcurrentBots(),
        user.data(),
        tokens);
  }
}
