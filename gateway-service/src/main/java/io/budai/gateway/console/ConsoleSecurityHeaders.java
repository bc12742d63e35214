package io.budai.gateway.console;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Security headers on every answer under {@code /console} (pages, assets, 304s and problems alike),
 * added just before the response commits so that error handlers that reset the headers cannot drop
 * them. The policy allows only the console's own scripts, styles and images (no inline script or
 * style, no third-party origin: nothing is fetched from the internet), API calls and the live
 * WebSocket to the same origin, and no framing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ConsoleSecurityHeaders implements WebFilter {

  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
          + "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (path.equals("/console") || path.startsWith("/console/")) {
      exchange
          .getResponse()
          .beforeCommit(
              () -> {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "no-referrer");
                headers.set("X-Frame-Options", "DENY");
                headers.set("Cross-Origin-Opener-Policy", "same-origin");
                headers.set("Cross-Origin-Resource-Policy", "same-origin");
                headers.set(
                    "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
                return Mono.empty();
              });
    }
    return chain.filter(exchange);
  }
}
