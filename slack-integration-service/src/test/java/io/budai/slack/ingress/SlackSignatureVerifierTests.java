package io.budai.slack.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.app_backend.SlackSignature;
import io.budai.platform.web.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SlackSignatureVerifierTests {

  // Slack's documented test vector (protocols.md §1a).
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String TIMESTAMP = "1531420618";
  private static final String BODY =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
          + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect"
          + "&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554"
          + "%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce"
          + "8b6703c";
  private static final String EXPECTED =
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

  private final SlackSignatureVerifier verifier = at(Long.parseLong(TIMESTAMP));

  @Test
  void signsSlacksDocumentedTestVector() {
    assertThat(
            SlackSignatureVerifier.sign(
                SECRET.getBytes(StandardCharsets.UTF_8), TIMESTAMP, bytes(BODY)))
        .isEqualTo(EXPECTED)
        .isEqualTo(new SlackSignature.Generator(SECRET).generate(TIMESTAMP, BODY));
  }

  @Test
  void acceptsTheTestVector() {
    assertThatCode(() -> verifier.verify(TIMESTAMP, EXPECTED, bytes(BODY)))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsAForgedSignature() {
    String forged = EXPECTED.substring(0, EXPECTED.length() - 1) + "4";
    assertUnauthorized(() -> verifier.verify(TIMESTAMP, forged, bytes(BODY)));
    assertUnauthorized(
        () -> verifier.verify(TIMESTAMP, "v1=" + EXPECTED.substring(3), bytes(BODY)));
  }

  @Test
  void rejectsABodyThatIsNotTheOneSigned() {
    // The same form re-encoded (%2F → /) is not the bytes Slack signed.
    String reencoded = BODY.replace("%2F", "/");
    assertUnauthorized(() -> verifier.verify(TIMESTAMP, EXPECTED, bytes(reencoded)));
  }

  @Test
  void rejectsTimestampsOutsideTheFiveMinuteWindowInEitherDirection() {
    long ts = Long.parseLong(TIMESTAMP);
    assertUnauthorized(() -> at(ts + 301).verify(TIMESTAMP, EXPECTED, bytes(BODY)));
    assertUnauthorized(() -> at(ts - 301).verify(TIMESTAMP, EXPECTED, bytes(BODY)));
    assertThatCode(() -> at(ts + 299).verify(TIMESTAMP, EXPECTED, bytes(BODY)))
        .doesNotThrowAnyException();
  }

  @Test
  void rejectsMissingOrMalformedHeaders() {
    assertUnauthorized(() -> verifier.verify(null, EXPECTED, bytes(BODY)));
    assertUnauthorized(() -> verifier.verify(TIMESTAMP, null, bytes(BODY)));
    assertUnauthorized(() -> verifier.verify("yesterday", EXPECTED, bytes(BODY)));
  }

  private static SlackSignatureVerifier at(long epochSecond) {
    return new SlackSignatureVerifier(
        SECRET,
        Duration.ofMinutes(5),
        Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertUnauthorized(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.getStatusCode().value()).isEqualTo(401);
              assertThat(e.getBody().getType().toString()).endsWith("slack-signature-invalid");
            });
  }
}
