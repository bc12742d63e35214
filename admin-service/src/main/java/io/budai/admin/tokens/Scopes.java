package io.budai.admin.tokens;

import io.budai.platform.web.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * API-key scopes, as in Vexa v0.10+: {@code bot} (start, stop and configure bots) and {@code tx}
 * (meetings and transcripts). Account routes (webhook, usage) accept either.
 */
final class Scopes {

  static final Set<String> KNOWN = Set.of("bot", "tx");

  /** A key minted without scopes can do what a Vexa v0.6 key could: everything. */
  static final List<String> DEFAULT = List.of("bot", "tx");

  private Scopes() {}

  /**
   * Scopes from the query ({@code ?scopes=bot,tx}, {@code ?scope=bot}, repeated or comma-separated)
   * and the body ({@code "scopes": "bot,tx"} or {@code ["bot","tx"]}, or {@code "scope"}).
   */
  static List<String> parse(
      @Nullable List<String> query, @Nullable JsonNode bodyScopes, @Nullable JsonNode bodyScope) {
    List<String> raw = new ArrayList<>();
    if (query != null) {
      query.forEach(value -> split(value, raw));
    }
    for (JsonNode node : new JsonNode[] {bodyScopes, bodyScope}) {
      if (node == null || node.isNull() || node.isMissingNode()) {
        continue;
      }
      if (node.isString()) {
        split(node.asString(), raw);
      } else if (node.isArray()) {
        for (JsonNode element : node) {
          if (!element.isString()) {
            throw invalid("scopes must be strings.");
          }
          split(element.asString(), raw);
        }
      } else {
        throw invalid("scopes must be a comma-separated string or a list of strings.");
      }
    }
    if (raw.isEmpty()) {
      return DEFAULT;
    }
    Set<String> scopes = new LinkedHashSet<>();
    for (String scope : raw) {
      if (!KNOWN.contains(scope)) {
        throw invalid("Unknown scope '" + scope + "'; known scopes are bot and tx.");
      }
      scopes.add(scope);
    }
    return List.copyOf(scopes);
  }

  private static void split(String value, List<String> into) {
    for (String part : value.split(",")) {
      String scope = part.trim().toLowerCase(java.util.Locale.ROOT);
      if (!scope.isEmpty()) {
        into.add(scope);
      }
    }
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-scopes", "Invalid scopes", detail);
  }
}
