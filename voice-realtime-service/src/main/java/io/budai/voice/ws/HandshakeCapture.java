package io.budai.voice.ws;

import io.budai.contracts.BudaiHeaders;
import io.budai.platform.web.CallerIdentity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Copies what authentication needs from the upgrade request into the session. It never refuses the
 * upgrade: a refused upgrade gives a browser no reason, so authentication happens on the open
 * socket and fails with a close code (4401, 4403) and a readable reason instead.
 */
final class HandshakeCapture implements HandshakeInterceptor {

  @Override
  public boolean beforeHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      Map<String, Object> attributes) {
    Map<String, String> query = new LinkedHashMap<>();
    UriComponentsBuilder.fromUri(request.getURI())
        .build()
        .getQueryParams()
        .forEach(
            (name, values) -> {
              if (!values.isEmpty() && values.getFirst() != null) {
                query.put(name, decode(values.getFirst()));
              }
            });
    String apiKey = request.getHeaders().getFirst(BudaiHeaders.API_KEY);
    if (apiKey == null || apiKey.isBlank()) {
      apiKey = query.get("api_key");
    }
    CallerIdentity gateway = null;
    if (request instanceof ServletServerHttpRequest servlet
        && servlet.getServletRequest().getAttribute(CallerIdentity.ATTRIBUTE)
            instanceof CallerIdentity identity) {
      gateway = identity;
    }
    String remote =
        request.getRemoteAddress() == null ? "unknown" : request.getRemoteAddress().toString();
    attributes.put(Handshake.ATTRIBUTE, new Handshake(query, blankToNull(apiKey), gateway, remote));
    return true;
  }

  @Override
  public void afterHandshake(
      ServerHttpRequest request,
      ServerHttpResponse response,
      WebSocketHandler handler,
      @Nullable Exception exception) {}

  private static String decode(String value) {
    return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
