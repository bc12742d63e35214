package io.budai.collector.live;

import io.budai.collector.CollectorProperties;
import io.budai.contracts.BudaiHeaders;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.platform.web.CallerIdentity;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Resolves who opens {@code /ws}. Through the gateway the user arrives as the forwarded identity
 * ({@code X-User-Id} with a valid {@code X-Internal-Token}, checked by the platform's filter). A
 * direct client presents its API key in {@code X-API-Key} or {@code ?api_key=}, which admin-service
 * verifies ({@code POST /internal/auth/verify}). The handshake always succeeds: a missing or bad
 * key is answered on the socket with Vexa's error frame and close code 4401 (4503 when
 * admin-service cannot be asked).
 */
@Component
class LiveAuthenticator implements HandshakeInterceptor {

  /** Session attribute: the user id. */
  static final String USER = "budai.user";

  /** Session attribute: why there is no user ({@code missing_api_key}, …). */
  static final String ERROR = "budai.auth-error";

  private static final Logger log = LoggerFactory.getLogger(LiveAuthenticator.class);

  private final ServiceClient admin;

  LiveAuthenticator(ServiceClients clients, CollectorProperties properties) {
    this.admin = clients.client("admin-service", properties.adminServiceUrl());
  }

  @Override
  public boolean beforeHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Map<String, Object> attributes) {
    if (request instanceof ServletServerHttpRequest servlet) {
      HttpServletRequest raw = servlet.getServletRequest();
      if (raw.getAttribute(CallerIdentity.ATTRIBUTE) instanceof CallerIdentity caller
          && caller.userId() != null) {
        attributes.put(USER, caller.userId());
        return true;
      }
    }
    String key = request.getHeaders().getFirst(BudaiHeaders.API_KEY);
    if (key == null || key.isBlank()) {
      key =
          UriComponentsBuilder.fromUri(request.getURI())
              .build()
              .getQueryParams()
              .getFirst("api_key");
    }
    if (key == null || key.isBlank()) {
      attributes.put(ERROR, "missing_api_key");
      return true;
    }
    String user = verify(key.trim());
    if (user == null) {
      attributes.put(ERROR, "invalid_api_key");
    } else if (user.isEmpty()) {
      attributes.put(ERROR, "authorization_service_unavailable");
    } else {
      attributes.put(USER, user);
    }
    return true;
  }

  /** The user id of a key; null when the key is invalid; empty when it could not be checked. */
  private @Nullable String verify(String key) {
    try {
      VerifiedKey verified =
          admin.call(
              true,
              rest ->
                  rest.post()
                      .uri("/internal/auth/verify")
                      .header(BudaiHeaders.API_KEY, key)
                      .retrieve()
                      .body(VerifiedKey.class));
      return verified == null || verified.userId() == null
          ? null
          : String.valueOf(verified.userId());
    } catch (HttpClientErrorException e) {
      return null;
    } catch (RuntimeException e) {
      log.warn("Could not verify a /ws API key with admin-service: {}", e.toString());
      return "";
    }
  }

  @Override
  public void afterHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      @Nullable Exception exception) {}

  /** The part of admin-service's answer the collector needs. */
  record VerifiedKey(@Nullable Object userId) {}
}
