package io.budai.voice.realtime;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /api/realtime/session-token}; every field is optional.
 *
 * @param language ISO 639-1 language of the speech (better accuracy and latency when known)
 * @param model transcription model; the configured one by default
 * @param expiresIn seconds the client secret lives (10 to 7200)
 * @param prompt words the model should expect (names, jargon)
 */
record SessionTokenRequest(
    @Nullable @Pattern(regexp = "[a-z]{2,3}", message = "must be an ISO 639-1 code such as en")
        String language,
    @Nullable @Size(min = 1, max = 64) String model,
    @Nullable @Min(10) @Max(7200) Integer expiresIn,
    @Nullable @Size(max = 1000) String prompt) {

  static SessionTokenRequest empty() {
    return new SessionTokenRequest(null, null, null, null);
  }
}
