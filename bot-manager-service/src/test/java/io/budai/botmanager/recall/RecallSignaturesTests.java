package io.budai.botmanager.recall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RecallSignaturesTests {

  private static final String SECRET =
      "whsec_"
          + Base64.getEncoder()
              .encodeToString("a-very-secret-key-of-24b".getBytes(StandardCharsets.UTF_8));

  private final RecallSignatures signatures = new RecallSignatures(SECRET);
  private final byte[] body = "{\"event\":\"bot.done\"}".getBytes(StandardCharsets.UTF_8);
  private final Instant now = Instant.ofEpochSecond(1_760_000_000L);

  @Test
  void acceptsAnyValidV1SignatureAmongSeveral() {
    String signature = signatures.sign("msg_1", "1760000000", body);
    assertThat(signatures.verify("msg_1", "1760000000", "v1,bogus v1," + signature, body, now))
        .isTrue();
  }

  @Test
  void refusesOtherBodiesIdsSchemesAndStaleTimestamps() {
    String signature = signatures.sign("msg_1", "1760000000", body);
    assertThat(signatures.verify("msg_2", "1760000000", "v1," + signature, body, now)).isFalse();
    assertThat(
            signatures.verify(
                "msg_1",
                "1760000000",
                "v1," + signature,
                "{}".getBytes(StandardCharsets.UTF_8),
                now))
        .isFalse();
    assertThat(signatures.verify("msg_1", "1760000000", "v2," + signature, body, now)).isFalse();
    assertThat(
            signatures.verify("msg_1", "1760000000", "v1," + signature, body, now.plusSeconds(301)))
        .isFalse();
    assertThat(signatures.verify(null, "1760000000", "v1," + signature, body, now)).isFalse();
    assertThat(signatures.verify("msg_1", "soon", "v1," + signature, body, now)).isFalse();
  }
}
