package io.budai.botmanager;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** Helpers the bot-manager tests share. */
final class TestMeetings {

  private static final Pattern MARKER = Pattern.compile("\\{[a-z_]+\\}");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" ([.,?!;:])(?=\\s|$)");

  private TestMeetings() {}

  /** A random Google Meet id ({@code abc-defg-hij}), so tests never collide on one meeting. */
  static String meetId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    StringBuilder id = new StringBuilder();
    for (int part : new int[] {3, 4, 3}) {
      if (!id.isEmpty()) {
        id.append('-');
      }
      for (int i = 0; i < part; i++) {
        id.append((char) ('a' + random.nextInt(26)));
      }
    }
    return id.toString();
  }

  /** The sample's turns as the collector keeps them: markers gone, turns without words dropped. */
  static List<String> spokenTurns(String sample) throws Exception {
    try (InputStream in = TestMeetings.class.getResourceAsStream("/qmsum/" + sample + ".json")) {
      JsonNode turns = Http.JSON.readTree(in).get("meeting_transcripts");
      List<String> spoken = new ArrayList<>();
      for (JsonNode turn : turns) {
        String text = MARKER.matcher(turn.get("content").asString()).replaceAll(" ");
        text = text.replaceAll("\\s+", " ").trim();
        text = SPACE_BEFORE_PUNCTUATION.matcher(text).replaceAll("$1");
        if (!text.isEmpty() && !text.matches("[\\p{Punct}\\s]+")) {
          spoken.add(turn.get("speaker").asString() + ": " + text);
        }
      }
      return spoken;
    }
  }

  /** The transcript's segments as {@code speaker: text} lines, in order. */
  static List<String> texts(JsonNode transcript) {
    return StreamSupport.stream(transcript.get("segments").spliterator(), false)
        .map(s -> s.get("speaker").asString() + ": " + s.get("text").asString())
        .toList();
  }
}
