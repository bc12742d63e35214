package io.budai.botmanager.fireflies;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Fireflies transcript as BudAI uses it (protocols.md §6a, {@code Transcript}).
 *
 * @param id the Fireflies transcript id
 * @param title its title
 * @param date when the meeting took place ({@code date}, epoch ms), or null
 * @param durationMinutes {@code duration} (minutes), or null
 * @param organizerEmail {@code organizer_email}
 * @param participants {@code participants} (e-mail addresses)
 * @param transcriptUrl the transcript's page at Fireflies
 * @param live {@code is_live}: the meeting is still running
 * @param sentences the spoken sentences, in order (empty in list answers)
 */
record FirefliesTranscript(
    String id,
    @Nullable String title,
    @Nullable Instant date,
    @Nullable Double durationMinutes,
    @Nullable String organizerEmail,
    List<String> participants,
    @Nullable String transcriptUrl,
    boolean live,
    List<Sentence> sentences) {

  /**
   * One {@code Sentence}.
   *
   * @param index {@code index}
   * @param speaker {@code speaker_name} (or {@code Speaker <speaker_id>} when unnamed)
   * @param text {@code text} (else {@code raw_text})
   * @param start {@code start_time}, seconds from the meeting's start
   * @param end {@code end_time}, seconds
   */
  record Sentence(int index, String speaker, String text, double start, double end) {}

  static FirefliesTranscript of(JsonNode node) {
    List<String> participants = new ArrayList<>();
    for (JsonNode participant : node.path("participants")) {
      if (participant.isString() && !participant.asString().isBlank()) {
        participants.add(participant.asString());
      }
    }
    List<Sentence> sentences = new ArrayList<>();
    int position = 0;
    for (JsonNode sentence : node.path("sentences")) {
      String speaker = text(sentence.path("speaker_name"));
      if (speaker == null || speaker.isBlank()) {
        JsonNode speakerId = sentence.path("speaker_id");
        speaker = speakerId.isNumber() ? "Speaker " + speakerId.asInt() : "Unknown";
      }
      String text = text(sentence.path("text"));
      if (text == null || text.isBlank()) {
        text = text(sentence.path("raw_text"));
      }
      double start = sentence.path("start_time").asDouble(0);
      double end = sentence.path("end_time").asDouble(start);
      sentences.add(
          new Sentence(
              sentence.path("index").asInt(position),
              speaker,
              text == null ? "" : text,
              start,
              Math.max(start, end)));
      position++;
    }
    JsonNode date = node.path("date");
    JsonNode duration = node.path("duration");
    return new FirefliesTranscript(
        node.path("id").asString(""),
        text(node.path("title")),
        date.isNumber() ? Instant.ofEpochMilli(date.asLong()) : null,
        duration.isNumber() ? duration.asDouble() : null,
        text(node.path("organizer_email")),
        List.copyOf(participants),
        text(node.path("transcript_url")),
        node.path("is_live").asBoolean(false),
        List.copyOf(sentences));
  }

  private static @Nullable String text(JsonNode node) {
    return node.isString() ? node.asString() : null;
  }
}
