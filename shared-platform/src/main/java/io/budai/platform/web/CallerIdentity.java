package io.budai.platform.web;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who a request acts for, as the gateway resolved it from the API key and forwarded in {@code
 * X-User-Id}/{@code X-User-Scopes}. Present only on requests that carried a valid internal token.
 *
 * @param userId the BudAI user id, or null for a service-to-service call on nobody's behalf
 * @param scopes the API key's scopes ({@code bot}, {@code tx})
 */
public record CallerIdentity(@Nullable String userId, Set<String> scopes) {

  /** Request attribute under which {@link InternalAuthFilter} stores the identity. */
  public static final String ATTRIBUTE = CallerIdentity.class.getName();

  /** The user id, or a 401 problem when the request is not on a user's behalf. */
  public String requireUser() {
    if (userId == null || userId.isBlank()) {
      throw new ProblemException(
          org.springframework.http.HttpStatus.UNAUTHORIZED,
          "missing-user",
          "No user",
          "This endpoint acts on behalf of a user; call it through the gateway with an X-API-Key.");
    }
    return userId;
  }
}
