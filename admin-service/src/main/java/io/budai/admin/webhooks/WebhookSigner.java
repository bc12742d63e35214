package io.budai.admin.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Vexa's {@code webhook.v1} signature: {@code X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret,
 * "<timestamp>." + body)>} with {@code X-Webhook-Timestamp: <unix seconds>}. Signing the timestamp
 * lets receivers reject replays of old deliveries.
 */
final class WebhookSigner {

  static final String SIGNATURE_HEADER = "X-Webhook-Signature";
  static final String TIMESTAMP_HEADER = "X-Webhook-Timestamp";

  private WebhookSigner() {}

  static String sign(String secret, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
