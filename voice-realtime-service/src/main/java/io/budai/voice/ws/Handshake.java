package io.budai.voice.ws;

import io.budai.platform.web.CallerIdentity;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the HTTP upgrade request of a stream carried, captured before the upgrade (the servlet
 * request is gone afterwards).
 *
 * @param query the query parameters (first value of each)
 * @param apiKey the {@code X-API-Key} header or {@code api_key} parameter
 * @param gatewayCaller the identity the gateway forwarded (only with a valid internal token)
 * @param remote the client's address, for logs
 */
public record Handshake(
    Map<String, String> query,
    @Nullable String apiKey,
    @Nullable CallerIdentity gatewayCaller,
    String remote) {

  /** Session attribute that holds the handshake. */
  public static final String ATTRIBUTE = Handshake.class.getName();

  /** A query parameter, or null. */
  public @Nullable String param(String name) {
    String value = query.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}
