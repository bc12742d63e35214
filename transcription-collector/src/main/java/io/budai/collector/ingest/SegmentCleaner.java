package io.budai.collector.ingest;

import io.budai.collector.CollectorProperties;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Cleans segment text at ingest: strips inline non-speech markers (AMI's {@code {disfmarker}},
 * Whisper's {@code [BLANK_AUDIO]}), tidies the spacing tokenized transcripts carry ({@code "so ,
 * yes ."}), and reports text that carries nothing so it is never shown or stored.
 */
@Component
class SegmentCleaner {

  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" ([.,?!;:])(?=\\s|$)");
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

  private final Pattern marker;
  private final List<Pattern> drop;
  private final int minCharacters;

  SegmentCleaner(CollectorProperties properties) {
    CollectorProperties.Cleaning cleaning = properties.cleaning();
    this.marker = Pattern.compile(cleaning.markerPattern());
    this.drop = cleaning.dropPatterns().stream().map(Pattern::compile).toList();
    this.minCharacters = cleaning.minCharacters();
  }

  /** The cleaned text; empty when the segment carries no information. */
  String clean(String raw) {
    String text = CONTROL.matcher(raw).replaceAll("");
    text = marker.matcher(text).replaceAll(" ");
    text = SPACES.matcher(text).replaceAll(" ").trim();
    text = SPACE_BEFORE_PUNCTUATION.matcher(text).replaceAll("$1");
    if (text.length() < minCharacters) {
      return "";
    }
    for (Pattern pattern : drop) {
      if (pattern.matcher(text).matches()) {
        return "";
      }
    }
    return text;
  }
}
