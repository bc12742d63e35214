package io.budai.collector.meeting;

import io.budai.platform.web.ProblemException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/** Platform names and the shape of path parameters the collector accepts (Vexa's enum). */
public final class Platforms {

  /**
   * Vexa v0.10's platform enum plus BudAI's {@code fireflies}: meetings imported from Fireflies.ai
   * by bot-manager (native id = the Fireflies transcript id).
   */
  public static final Set<String> ALL =
      Set.of("google_meet", "teams", "zoom", "jitsi", "browser_session", "fireflies");

  private static final Pattern NATIVE_ID = Pattern.compile("[^\\p{Cntrl}]{1,255}");

  private Platforms() {}

  /** Rejects an unknown platform or a malformed native id with 422, as Vexa does. */
  public static void validate(String platform, String nativeMeetingId) {
    validatePlatform(platform);
    if (!NATIVE_ID.matcher(nativeMeetingId).matches()) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-native-meeting-id",
          "Invalid meeting id",
          "native_meeting_id must be 1–255 characters without control characters.");
    }
  }

  /** Rejects an unknown platform with 422. */
  public static void validatePlatform(String platform) {
    if (!ALL.contains(platform)) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-platform",
          "Invalid platform",
          "Unknown platform '"
              + platform.replaceAll("\\p{Cntrl}", "")
              + "'; expected one of "
              + String.join(", ", ALL.stream().sorted().toList())
              + ".",
          Map.of("allowed", ALL.stream().sorted().toList()));
    }
  }
}
