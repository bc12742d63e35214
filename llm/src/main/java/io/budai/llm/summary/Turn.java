package io.budai.llm.summary;

import org.jspecify.annotations.Nullable;

/**
 * One speaker turn of a transcript.
 *
 * @param id a stable id of the turn or segment (used in citations), or null to use the index
 * @param speaker who spoke (a name, a role, or a label such as "Speaker 1")
 * @param text what was said
 * @param start seconds from the start of the meeting, when known
 * @param end seconds from the start of the meeting, when known
 */
public record Turn(
    @Nullable String id,
    String speaker,
    String text,
    @Nullable Double start,
    @Nullable Double end) {

  /** A turn without id or times. */
  public static Turn of(String speaker, String text) {
    return new Turn(null, speaker, text, null, null);
  }
}
