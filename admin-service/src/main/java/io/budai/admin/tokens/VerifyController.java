package io.budai.admin.tokens;

import io.budai.admin.plans.Plans;
import io.budai.admin.users.User;
import io.budai.admin.users.Users;
import io.budai.contracts.BudaiHeaders;
import io.budai.platform.web.ProblemException;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service key verification: the gateway resolves a presented {@code X-API-Key} here
 * (then caches the answer). Reachable only with the internal token (platform's InternalAuthFilter).
 */
@RestController
class VerifyController {

  private final ApiTokens tokens;
  private final Users users;
  private final Plans plans;

  VerifyController(ApiTokens tokens, Users users, Plans plans) {
    this.tokens = tokens;
    this.users = users;
    this.plans = plans;
  }

  @PostMapping("/internal/auth/verify")
  VerifiedKey verify(
      @RequestHeader(name = BudaiHeaders.API_KEY, required = false) @Nullable String header,
      @RequestBody(required = false) @Nullable VerifyRequest body) {
    String token = body != null && body.token() != null ? body.token() : header;
    if (token == null || token.isBlank()) {
      throw unauthorized("missing-api-key", "No API key given (body token or X-API-Key).");
    }
    ApiTokens.StoredKey key =
        tokens
            .findByHash(TokenHashes.sha256Hex(token.trim()))
            .orElseThrow(() -> unauthorized("invalid-api-key", "Invalid API key."));
    if (key.expiresAt() != null && !key.expiresAt().isAfter(Instant.now())) {
      throw unauthorized("expired-api-key", "The API key expired at " + key.expiresAt() + ".");
    }
    Optional<User> user = users.findById(key.userId());
    if (user.isEmpty()) {
      throw unauthorized("invalid-api-key", "Invalid API key.");
    }
    tokens.touch(key.id());
    return new VerifiedKey(
        key.userId(),
        key.id(),
        key.scopes(),
        key.expiresAt(),
        user.get().email(),
        plans.effectiveLimits(user.get(), null));
  }

  private static ProblemException unauthorized(String slug, String detail) {
    return new ProblemException(HttpStatus.UNAUTHORIZED, slug, "Unauthorized", detail);
  }
}
