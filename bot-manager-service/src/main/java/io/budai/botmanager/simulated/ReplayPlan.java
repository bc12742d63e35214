package io.budai.botmanager.simulated;

import io.budai.botmanager.bots.BotRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The timed turns of a replay, in meeting seconds from the session start: a turn without times
 * lasts 0.4 s per word (at least 0.6 s) and starts 0.2 s after the previous one ends.
 *
 * @param turns the turns, in order
 * @param speed how many times faster than real time it plays
 */
record ReplayPlan(List<Planned> turns, double speed) {

  static final double SECONDS_PER_WORD = 0.4;
  static final double GAP = 0.2;

  static ReplayPlan of(List<SampleMeetings.Turn> sample, double speed) {
    List<Planned> planned = new ArrayList<>(sample.size());
    double cursor = 0;
    for (SampleMeetings.Turn turn : sample) {
      double duration = duration(turn.text());
      planned.add(new Planned(turn.speaker(), turn.text(), cursor, cursor + duration));
      cursor += duration + GAP;
    }
    return new ReplayPlan(planned, speed);
  }

  static ReplayPlan ofInline(List<BotRequest.ReplaySegment> segments, double speed) {
    List<Planned> planned = new ArrayList<>(segments.size());
    double cursor = 0;
    for (BotRequest.ReplaySegment segment : segments) {
      double start = segment.start() != null ? segment.start() : cursor;
      double end =
          segment.end() != null && segment.end() > start
              ? segment.end()
              : start + duration(segment.text());
      String speaker =
          segment.speaker() == null || segment.speaker().isBlank() ? "Speaker" : segment.speaker();
      planned.add(new Planned(speaker, segment.text(), start, end));
      cursor = end + GAP;
    }
    return new ReplayPlan(planned, speed);
  }

  private static double duration(String text) {
    int words = text.isBlank() ? 0 : text.trim().split("\\s+").length;
    return Math.max(0.6, words * SECONDS_PER_WORD);
  }

  /**
   * A turn with its times.
   *
   * @param speaker who speaks
   * @param text what they say
   * @param start start (s)
   * @param end end (s)
   */
  record Planned(String speaker, String text, double start, double end) {}
}
