package io.budai.slack.ingress;

import io.budai.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * Checks Slack's request signature (protocols.md §1a): {@code v0=} + lowercase hex of
 * HMAC-SHA256(signing secret, {@code "v0:" + X-Slack-Request-Timestamp + ":" + raw body}), compared
 * in constant time, with the timestamp no further than the replay window from now in either
 * direction. The MAC runs over the body bytes exactly as received.
 */
final class SlackSignatureVerifier {

  static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
  static final String SIGNATURE_HEADER = "X-Slack-Signature";

  private final byte[] secret;
  private final Duration maxAge;
  private final Clock clock;

  SlackSignatureVerifier(String signingSecret, Duration maxAge, Clock clock) {
    this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /**
   * Accepts the request or throws a 401 problem.
   *
   * @throws ProblemException 401 when a header is missing, the timestamp is outside the window or
   *     the signature does not match
   */
  void verify(@Nullable String timestamp, @Nullable String signature, byte[] body) {
    if (timestamp == null || signature == null) {
      throw invalid("The request lacks X-Slack-Request-Timestamp or X-Slack-Signature.");
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw invalid("X-Slack-Request-Timestamp is not a Unix time in seconds.");
    }
    long age = Math.abs(clock.instant().getEpochSecond() - seconds);
    if (age > maxAge.toSeconds()) {
      throw invalid("The request timestamp is outside the accepted window (a replay?).");
    }
    byte[] expected = sign(secret, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII))) {
      throw invalid("The request signature does not match.");
    }
  }

  /** The {@code X-Slack-Signature} value Slack would send for {@code body} at {@code timestamp}. */
  static String sign(byte[] secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(
        HttpStatus.UNAUTHORIZED, "slack-signature-invalid", "Invalid Slack signature", detail);
  }
}
