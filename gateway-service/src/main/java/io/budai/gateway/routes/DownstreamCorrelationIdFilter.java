package io.budai.gateway.routes;

import io.budai.contracts.BudaiHeaders;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Drops {@code X-Correlation-Id} from a service's answer: the gateway already set it on its own
 * response (the same id it sent the service), and the routing filter adds the service's headers to
 * the gateway's, so clients would otherwise see it twice.
 */
class DownstreamCorrelationIdFilter implements HttpHeadersFilter {

  @Override
  public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
    if (!input.containsHeader(BudaiHeaders.CORRELATION_ID)) {
      return input;
    }
    HttpHeaders filtered = new HttpHeaders();
    input.forEach(
        (name, values) -> {
          if (!BudaiHeaders.CORRELATION_ID.equalsIgnoreCase(name)) {
            filtered.addAll(name, values);
          }
        });
    return filtered;
  }

  @Override
  public boolean supports(Type type) {
    return type == Type.RESPONSE;
  }
}
