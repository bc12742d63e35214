package io.budai.collector.ingest;

import org.jspecify.annotations.Nullable;

/**
 * A segment in the Redis hot store, with its revision and last write time.
 *
 * @param segmentId identity of the segment within its meeting
 * @param sessionUid the transcription session it came from
 * @param start seconds from the session start
 * @param end seconds from the session start
 * @param text cleaned text; empty when the segment was withdrawn
 * @param speaker the speaker's name, if known
 * @param language language code, if known
 * @param completed false for a draft that may still change
 * @param revision the meeting-wide revision of this version
 * @param updatedAtMs when this version was written (epoch ms, Redis clock)
 */
public record HotSegment(
    String segmentId,
    @Nullable String sessionUid,
    double start,
    double end,
    String text,
    @Nullable String speaker,
    @Nullable String language,
    boolean completed,
    long revision,
    long updatedAtMs) {

  /**
   * The JSON body stored after the {@code rev|updated|completed|} prefix.
   *
   * @param segmentId segment id
   * @param sessionUid session uid
   * @param start start (s)
   * @param end end (s)
   * @param text text
   * @param speaker speaker
   * @param language language
   * @param completed false for a draft
   */
  record Body(
      String segmentId,
      @Nullable String sessionUid,
      double start,
      double end,
      String text,
      @Nullable String speaker,
      @Nullable String language,
      boolean completed) {}
}
