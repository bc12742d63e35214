package io.budai.botmanager;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** Helpers the bot-manager tests share. */
final class TestMeetings {

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

  /** The transcript's segments as {@code speaker: text} lines, in order. */
  static List<String> texts(JsonNode transcript) {
    return StreamSupport.stream(transcript.get("segments").spliterator(), false)
        .map(s -> s.get("speaker").asString() + ": " + s.get("text").asString())
        .toList();
  }
}
