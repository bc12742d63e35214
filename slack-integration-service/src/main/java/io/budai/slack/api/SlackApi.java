package io.budai.slack.api;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.util.Responder;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.webhook.WebhookResponse;
import io.budai.slack.config.SlackProperties;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Slack Web API as this service uses it: one {@link Slack} client on the configured base URL
 * ({@code SLACK_API_URL}, so a proxy or a test server can stand in) with the bot token, a time
 * limit per call and a circuit breaker. Every call either returns an {@code ok} response or throws
 * a {@link SlackCallException} that says whether to retry, and when.
 */
public final class SlackApi {

  private final SlackProperties properties;
  private final Slack slack;
  private final CircuitBreaker breaker;

  public SlackApi(SlackProperties properties, CircuitBreakerRegistry breakers) {
    this.properties = properties;
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(properties.apiUrlWithSlash());
    // Stats make the client call auth.test in the background to learn the team id; we do not
    // read them.
    config.setStatsEnabled(false);
    int timeout = (int) properties.httpTimeout().toMillis();
    config.setHttpClientCallTimeoutMillis(timeout);
    config.setHttpClientReadTimeoutMillis(timeout);
    config.setHttpClientWriteTimeoutMillis(timeout);
    this.slack = Slack.getInstance(config);
    this.breaker =
        breakers.circuitBreaker(
            "slack-web-api",
            CircuitBreakerConfig.custom()
                .failureRateThreshold(50)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .waitDurationInOpenState(Duration.ofSeconds(15))
                // Only an unreachable Slack opens the breaker; rate limits and "ok":false
                // answers mean Slack is up.
                .recordException(
                    e ->
                        e instanceof SlackCallException sce
                            && sce.kind() == SlackCallException.Kind.UNAVAILABLE)
                .build());
  }

  /** Whether a bot token and signing secret are configured. */
  public boolean configured() {
    return properties.configured();
  }

  /** The client Bolt should use, so listeners and our own calls share base URL and limits. */
  public Slack slack() {
    return slack;
  }

  /** The bot token, or null when Slack is not configured. */
  public @Nullable String botToken() {
    return properties.configured() ? properties.botToken() : null;
  }

  /**
   * Calls one Web API method with the bot token.
   *
   * @param method the method's name, for errors and logs ({@code chat.postMessage})
   * @throws SlackCallException when Slack is not configured, unreachable, rate limits the call or
   *     answers {@code "ok": false}
   */
  public <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
    String token = botToken();
    if (token == null) {
      throw new SlackCallException(
          SlackCallException.Kind.UNAVAILABLE, method, "not_configured", null, null);
    }
    MethodsClient client = slack.methods(token);
    T response;
    try {
      response = breaker.executeCallable(() -> invoke(method, call, client));
    } catch (SlackCallException e) {
      throw e;
    } catch (CallNotPermittedException e) {
      throw new SlackCallException(
          SlackCallException.Kind.UNAVAILABLE, method, "circuit_open", null, e);
    } catch (Exception e) {
      throw new SlackCallException(
          SlackCallException.Kind.UNAVAILABLE, method, e.getClass().getSimpleName(), null, e);
    }
    if (!response.isOk()) {
      String error = response.getError() == null ? "unknown_error" : response.getError();
      SlackCallException.Kind kind =
          "ratelimited".equals(error) || "rate_limited".equals(error)
              ? SlackCallException.Kind.RATE_LIMITED
              : SlackCallException.Kind.REJECTED;
      throw new SlackCallException(kind, method, error, null, null);
    }
    return response;
  }

  private static <T extends SlackApiTextResponse> T invoke(
      String method, Call<T> call, MethodsClient client) {
    try {
      return call.apply(client);
    } catch (SlackApiException e) {
      int status = e.getResponse().code();
      if (status == 429) {
        throw new SlackCallException(
            SlackCallException.Kind.RATE_LIMITED,
            method,
            "ratelimited",
            retryAfter(e.getResponse().header("Retry-After")),
            e);
      }
      throw new SlackCallException(
          status >= 500 ? SlackCallException.Kind.UNAVAILABLE : SlackCallException.Kind.REJECTED,
          method,
          "http_" + status,
          null,
          e);
    } catch (IOException e) {
      throw new SlackCallException(
          SlackCallException.Kind.UNAVAILABLE, method, "io_error", null, e);
    }
  }

  /**
   * Answers through a {@code response_url} (slash command or button; valid for 30 minutes, up to 5
   * times) with an ephemeral Block Kit message; {@code replaceOriginal} swaps out the earlier
   * answer (the "working on it" acknowledgement). Returns false when Slack did not take it.
   */
  public boolean respond(
      String responseUrl, List<LayoutBlock> blocks, String fallback, boolean replaceOriginal) {
    try {
      WebhookResponse response =
          new Responder(slack, responseUrl)
              .send(
                  ActionResponse.builder()
                      .responseType("ephemeral")
                      .replaceOriginal(replaceOriginal)
                      .text(fallback)
                      .blocks(blocks)
                      .build());
      return response.getCode() != null && response.getCode() / 100 == 2;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Slack's {@code Retry-After} is whole seconds; a missing or odd value means one second. */
  static Duration retryAfter(@Nullable String header) {
    if (header != null) {
      try {
        long seconds = Long.parseLong(header.trim());
        return Duration.ofSeconds(Math.clamp(seconds, 1, 600));
      } catch (NumberFormatException ignored) {
        // fall through to the default
      }
    }
    return Duration.ofSeconds(1);
  }

  /** One Web API call on a client that carries the bot token. */
  @FunctionalInterface
  public interface Call<T> {
    T apply(MethodsClient client) throws IOException, SlackApiException;
  }
}
