package io.budai.admin.tokens;

import io.budai.admin.users.UserResponse;
import io.budai.admin.users.Users;
import io.budai.platform.web.ProblemException;
import jakarta.validation.Valid;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Vexa's admin API-key routes, and the user detail that lists a user's keys. */
@RestController
class TokenController {

  private final Users users;
  private final ApiTokens tokens;

  TokenController(Users users, ApiTokens tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  @GetMapping("/admin/users/{id}")
  UserDetailResponse user(@PathVariable long id) {
    return UserDetailResponse.of(UserResponse.of(users.require(id)), tokens.list(id));
  }

  /** Mints a key; the response is the only time its secret is shown. */
  @PostMapping("/admin/users/{id}/tokens")
  ResponseEntity<TokenResponse> mint(
      @PathVariable long id,
      @RequestParam(required = false) @Nullable List<String> scopes,
      @RequestParam(required = false) @Nullable List<String> scope,
      @RequestParam(required = false) @Nullable String name,
      @RequestParam(name = "expires_in", required = false) @Nullable Long expiresIn,
      @Valid @RequestBody(required = false) @Nullable TokenCreate body) {
    users.require(id);
    List<String> query = scopes == null ? scope : scope == null ? scopes : concat(scopes, scope);
    List<String> granted =
        Scopes.parse(
            query, body == null ? null : body.scopes(), body == null ? null : body.scope());
    String keyName = body != null && body.name() != null ? body.name() : name;
    Long seconds = body != null && body.expiresIn() != null ? body.expiresIn() : expiresIn;
    if (seconds != null && seconds <= 0) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "invalid-expiry",
          "Invalid expiry",
          "expires_in must be a positive number of seconds.");
    }
    if (keyName != null && keyName.length() > 100) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "invalid-token-name",
          "Invalid name",
          "name is longer than 100 characters.");
    }
    TokenResponse minted =
        tokens.mint(id, granted, keyName, seconds == null ? null : Duration.ofSeconds(seconds));
    return ResponseEntity.status(HttpStatus.CREATED).body(minted);
  }

  @GetMapping("/admin/users/{id}/tokens")
  List<TokenInfo> list(@PathVariable long id) {
    users.require(id);
    return tokens.list(id);
  }

  @DeleteMapping("/admin/tokens/{tokenId}")
  ResponseEntity<Void> revoke(@PathVariable long tokenId) {
    if (!tokens.revoke(tokenId)) {
      throw new ProblemException(
          HttpStatus.NOT_FOUND,
          "token-not-found",
          "Token not found",
          "No API token with id " + tokenId + ".");
    }
    return ResponseEntity.noContent().build();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
