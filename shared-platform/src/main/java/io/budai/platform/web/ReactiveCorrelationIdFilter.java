package io.budai.platform.web;

import io.budai.contracts.BudaiHeaders;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Reactive twin of {@link CorrelationIdFilter}: accepts or creates {@code X-Correlation-Id}, sets
 * it on the request forwarded downstream and on the response, and exposes it as exchange attribute
 * {@value #ATTRIBUTE}.
 */
public class ReactiveCorrelationIdFilter implements WebFilter, Ordered {

  /** Exchange attribute holding the correlation id. */
  public static final String ATTRIBUTE = CorrelationIds.MDC_KEY;

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String id =
        CorrelationIds.acceptOrCreate(
            exchange.getRequest().getHeaders().getFirst(BudaiHeaders.CORRELATION_ID));
    ServerHttpRequest request =
        exchange.getRequest().mutate().headers(h -> h.set(BudaiHeaders.CORRELATION_ID, id)).build();
    exchange.getResponse().getHeaders().set(BudaiHeaders.CORRELATION_ID, id);
    ServerWebExchange mutated = exchange.mutate().request(request).build();
    mutated.getAttributes().put(ATTRIBUTE, id);
    return chain.filter(mutated).contextWrite(ctx -> ctx.put(CorrelationIds.MDC_KEY, id));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }
}
