package io.budai.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.budai.platform.web.ProblemException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.channel.AbortedException;

/** What counts against a downstream's circuit breaker, and what does not. */
class DownstreamFailureTests {

  @Test
  void timeoutsRefusedConnectionsAndServerErrorsCount() {
    assertThat(DownstreamCircuitBreakerFilter.isDownstreamFailure(new TimeoutException())).isTrue();
    assertThat(
            DownstreamCircuitBreakerFilter.isDownstreamFailure(
                new IllegalStateException(new ConnectException("refused"))))
        .isTrue();
    assertThat(
            DownstreamCircuitBreakerFilter.isDownstreamFailure(
                new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT)))
        .isTrue();
  }

  @Test
  void clientsThatGoAwayOrSendTooMuchDoNot() {
    // wrk closing its connections at the end of a run once opened every breaker for 10 s.
    assertThat(
            DownstreamCircuitBreakerFilter.isDownstreamFailure(
                new AbortedException("Connection has been closed BEFORE send operation")))
        .isFalse();
    assertThat(
            DownstreamCircuitBreakerFilter.isDownstreamFailure(new UnsupportedOperationException()))
        .isFalse();
    assertThat(
            DownstreamCircuitBreakerFilter.isDownstreamFailure(
                new ProblemException(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "t", "d")))
        .isFalse();
  }
}
