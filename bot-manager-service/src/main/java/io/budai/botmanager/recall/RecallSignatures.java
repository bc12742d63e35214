package io.budai.botmanager.recall;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Recall's request signatures (Standard Webhooks / Svix): {@code webhook-signature} holds
 * space-separated {@code v1,<base64 HMAC-SHA256(key, "{id}.{timestamp}.{body}")>} entries, the key
 * being the base64 secret after {@code whsec_}; timestamps older or newer than five minutes are
 * refused (replays).
 */
final class RecallSignatures {

  static final Duration TOLERANCE = Duration.ofMinutes(5);

  private final byte[] key;

  RecallSignatures(String secret) {
    String encoded = secret.startsWith("whsec_") ? secret.substring(6) : secret;
    this.key = Base64.getDecoder().decode(encoded);
  }

  /** Whether the headers sign {@code body}. */
  boolean verify(
      @Nullable String id,
      @Nullable String timestamp,
      @Nullable String signatures,
      byte[] body,
      Instant now) {
    if (id == null || timestamp == null || signatures == null) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
      return false;
    }
    byte[] expected = sign(id, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
    for (String entry : signatures.trim().split("\\s+")) {
      int comma = entry.indexOf(',');
      if (comma > 0 && entry.substring(0, comma).equals("v1")) {
        byte[] given = entry.substring(comma + 1).getBytes(StandardCharsets.US_ASCII);
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The base64 signature of a request (what Recall, and the tests' fake Recall, send). */
  String sign(String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
