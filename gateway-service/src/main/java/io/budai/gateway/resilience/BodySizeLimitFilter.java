package io.budai.gateway.resilience;

import io.budai.gateway.auth.EdgeAuthFilter;
import io.budai.gateway.problems.Problems;
import io.budai.platform.web.ProblemException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies above the limit with a 413 problem: at once when {@code Content-Length}
 * says so, and while streaming for chunked bodies (the body is counted as it is forwarded).
 */
class BodySizeLimitFilter implements GlobalFilter, Ordered {

  private final long maxBytes;
  private final Problems problems;

  BodySizeLimitFilter(long maxBytes, Problems problems) {
    this.maxBytes = maxBytes;
    this.problems = problems;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
    long declared = exchange.getRequest().getHeaders().getContentLength();
    if (declared > maxBytes) {
      return problems.write(exchange, tooLarge().getBody());
    }
    if (declared >= 0) {
      return chain.filter(exchange);
    }
    ServerHttpRequest counted =
        new ServerHttpRequestDecorator(exchange.getRequest()) {
          @Override
          public Flux<DataBuffer> getBody() {
            AtomicLong seen = new AtomicLong();
            return super.getBody()
                .handle(
                    (buffer, sink) -> {
                      if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(tooLarge());
                      } else {
                        sink.next(buffer);
                      }
                    });
          }
        };
    return chain.filter(exchange.mutate().request(counted).build());
  }

  private ProblemException tooLarge() {
    return new ProblemException(
        HttpStatus.CONTENT_TOO_LARGE,
        "payload-too-large",
        "Payload too large",
        "Request bodies may be at most " + maxBytes + " bytes.");
  }

  @Override
  public int getOrder() {
    return EdgeAuthFilter.ORDER + 200;
  }
}
