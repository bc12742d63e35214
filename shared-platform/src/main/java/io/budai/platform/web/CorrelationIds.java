package io.budai.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The correlation id of the work in progress, kept in the log MDC under {@value #MDC_KEY} so every
 * log line, outbound call and published event of one request or event carries it.
 */
public final class CorrelationIds {

  /** MDC key of the correlation id. */
  public static final String MDC_KEY = "correlation_id";

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private CorrelationIds() {}

  /** The current correlation id, or null outside of a request or event. */
  public static @Nullable String current() {
    return MDC.get(MDC_KEY);
  }

  /** A client-supplied id when it is safe to log and forward, else a new one. */
  public static String acceptOrCreate(@Nullable String candidate) {
    if (candidate != null && SAFE.matcher(candidate).matches()) {
      return candidate;
    }
    return UUID.randomUUID().toString();
  }

  /**
   * Runs {@code work} with {@code id} as the current correlation id, restoring the previous one.
   */
  public static void runWith(String id, Runnable work) {
    String previous = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, id);
    try {
      work.run();
    } finally {
      if (previous == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, previous);
      }
    }
  }
}
