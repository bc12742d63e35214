package io.budai.slack.api;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A Web API call that did not succeed, classified so callers know whether to retry. */
public final class SlackCallException extends RuntimeException {

  /** What went wrong. */
  public enum Kind {
    /** HTTP 429: retry after {@link #retryAfter()}. */
    RATE_LIMITED,
    /** Slack answered {@code "ok": false} or a 4xx: retrying the same call will not help. */
    REJECTED,
    /** Slack unreachable, a 5xx, a time-out, the circuit open or Slack not configured. */
    UNAVAILABLE
  }

  private final Kind kind;
  private final String method;
  private final String error;
  private final @Nullable Duration retryAfter;

  SlackCallException(
      Kind kind,
      String method,
      String error,
      @Nullable Duration retryAfter,
      @Nullable Throwable cause) {
    super(method + " failed: " + error, cause);
    this.kind = kind;
    this.method = method;
    this.error = error;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** The Web API method called. */
  public String method() {
    return method;
  }

  /** Slack's error code ({@code channel_not_found}) or ours ({@code io_error}). */
  public String error() {
    return error;
  }

  /** How long Slack asked us to wait, for {@link Kind#RATE_LIMITED}. */
  public @Nullable Duration retryAfter() {
    return retryAfter;
  }
}
