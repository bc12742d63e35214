package io.budai.slack.blocks;

import java.util.ArrayList;
import java.util.List;

/** Text for Block Kit: mrkdwn escaping, truncation and splitting within Slack's limits. */
public final class BlockText {

  private BlockText() {}

  /**
   * Escapes the three characters Slack's mrkdwn treats as control characters, so meeting text such
   * as {@code a < b} is shown as written and cannot forge a mention or link.
   */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** {@code text} cut to at most {@code max} characters, ending with an ellipsis when cut. */
  public static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = safeCut(text, max - 1);
    return text.substring(0, end) + "…";
  }

  /**
   * Splits {@code text} into pieces of at most {@code max} characters, preferring paragraph, line,
   * sentence and word boundaries, never cutting an escape entity ({@code &amp;}) or a surrogate
   * pair.
   */
  public static List<String> chunks(String text, int max) {
    List<String> pieces = new ArrayList<>();
    String rest = text.strip();
    while (rest.length() > max) {
      int cut = boundary(rest, max);
      pieces.add(rest.substring(0, cut).strip());
      rest = rest.substring(cut).strip();
    }
    if (!rest.isEmpty()) {
      pieces.add(rest);
    }
    return pieces;
  }

  private static int boundary(String text, int max) {
    String window = text.substring(0, max);
    for (String separator : List.of("\n\n", "\n", ". ", "; ", ", ", " ")) {
      int at = window.lastIndexOf(separator);
      if (at >= max / 2) {
        return at + separator.length();
      }
    }
    return safeCut(text, max);
  }

  /** The largest cut position ≤ {@code max} that splits neither an entity nor a surrogate pair. */
  private static int safeCut(String text, int max) {
    int cut = Math.min(max, text.length());
    int amp = text.lastIndexOf('&', cut - 1);
    if (amp >= 0 && amp > cut - 6) {
      int semicolon = text.indexOf(';', amp);
      if (semicolon >= cut) {
        cut = amp;
      }
    }
    if (cut > 0 && cut < text.length() && Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return Math.max(cut, 1);
  }
}
