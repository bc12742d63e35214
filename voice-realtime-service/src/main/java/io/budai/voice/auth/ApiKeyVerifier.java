package io.budai.voice.auth;

import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.voice.VoiceProperties;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import tools.jackson.databind.JsonNode;

/**
 * Resolves an API key presented directly to this service (not through the gateway) with
 * admin-service: {@code POST /internal/auth/verify {"token": "…"}} answers the user and the key's
 * scopes, or 401 for an unknown, revoked or expired key.
 */
@Component
public class ApiKeyVerifier {

  private final ServiceClient admin;

  ApiKeyVerifier(ServiceClients clients, VoiceProperties properties) {
    this.admin = clients.client("admin-service", properties.services().adminUrl());
  }

  /**
   * The key's user, or empty when admin-service does not know the key.
   *
   * @throws ServiceUnavailableException when admin-service cannot be asked
   */
  public Optional<Caller> verify(String apiKey) {
    try {
      JsonNode body =
          admin.call(
              true,
              rest ->
                  rest.post()
                      .uri("/internal/auth/verify")
                      .body(Map.of("token", apiKey))
                      .retrieve()
                      .body(JsonNode.class));
      if (body == null) {
        return Optional.empty();
      }
      String userId = text(body, "user_id", "userId");
      if (userId == null) {
        return Optional.empty();
      }
      return Optional.of(new Caller(userId, scopes(body.path("scopes")), "api-key"));
    } catch (HttpClientErrorException.Unauthorized
        | HttpClientErrorException.Forbidden
        | HttpClientErrorException.NotFound e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new ServiceUnavailableException("admin-service", e);
    }
  }

  static @Nullable String text(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node.path(name);
      if (value.isValueNode() && !value.asString("").isBlank()) {
        return value.asString();
      }
    }
    return null;
  }

  private static Set<String> scopes(JsonNode node) {
    Set<String> scopes = new LinkedHashSet<>();
    if (node.isArray()) {
      node.forEach(s -> scopes.add(s.asString()));
    } else if (node.isString()) {
      for (String s : node.asString().split(",")) {
        if (!s.isBlank()) {
          scopes.add(s.trim());
        }
      }
    }
    return scopes;
  }
}
