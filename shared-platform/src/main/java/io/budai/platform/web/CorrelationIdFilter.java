package io.budai.platform.web;

import io.budai.contracts.BudaiHeaders;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/** Takes {@code X-Correlation-Id} from the request or creates one, and echoes it back. */
public class CorrelationIdFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = CorrelationIds.acceptOrCreate(request.getHeader(BudaiHeaders.CORRELATION_ID));
    MDC.put(CorrelationIds.MDC_KEY, id);
    response.setHeader(BudaiHeaders.CORRELATION_ID, id);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(CorrelationIds.MDC_KEY);
    }
  }

  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }
}
