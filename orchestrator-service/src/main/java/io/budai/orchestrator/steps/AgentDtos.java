package io.budai.orchestrator.steps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.budai.contracts.dto.Attendee;
import io.budai.contracts.dto.MeetingSummary;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The wire records of the HTTP contracts the steps use (DESIGN.md §5), as the orchestrator sends
 * and reads them. Unknown fields are ignored so that the agents may add fields.
 */
final class AgentDtos {

  private AgentDtos() {}

  /**
   * transcription-collector {@code GET /internal/transcripts/{meeting_id}}: Vexa's
   * TranscriptionResponse (MeetingResponse fields and the segments).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Transcript(
      @Nullable String id,
      @Nullable String platform,
      @Nullable String nativeMeetingId,
      @Nullable String status,
      @Nullable String title,
      @Nullable List<TranscriptSegment> segments,
      @Nullable Map<String, Object> data) {}

  /** One segment of a TranscriptionResponse. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record TranscriptSegment(
      @Nullable Double start,
      @Nullable Double end,
      @Nullable String text,
      @Nullable String speaker,
      @Nullable String language) {}

  /** summarizer-agent {@code POST /summarize}; answered with a {@link MeetingSummary}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SummarizeRequest(
      String meetingId,
      @Nullable String title,
      @Nullable String language,
      List<TranscriptLine> transcript,
      String engine) {}

  /** One line of a transcript sent to the summarizer. */
  record TranscriptLine(
      String speaker, String text, @Nullable Double start, @Nullable Double end) {}

  /** followup-agent {@code POST /followup}; answered with a {@link FollowupDraft}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record FollowupRequest(
      String meetingId, String title, MeetingSummary summary, List<Attendee> attendees) {}

  /** The follow-up drafts. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record FollowupDraft(
      @Nullable EmailDraft email, @Nullable SlackDraft slack, @Nullable List<Reminder> reminders) {}

  /** The follow-up email. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record EmailDraft(
      @Nullable String subject,
      @Nullable String text,
      @Nullable String html,
      @Nullable List<String> to) {}

  /** The follow-up Slack message (mrkdwn text and Block Kit blocks). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SlackDraft(@Nullable String text, @Nullable List<Map<String, Object>> blocks) {}

  /** A reminder of an action item. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Reminder(@Nullable String actionItem, @Nullable String owner, @Nullable String dueAt) {}

  /** followup-agent {@code POST /email/send}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EmailSendRequest(
      List<String> to, String subject, String text, @Nullable String html, String meetingId) {}

  /**
   * slack-integration-service {@code POST /messages}: text and blocks, or a {@code summary} (with
   * its {@code title}) that the service renders itself and keeps for the user's App Home.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record SlackMessageRequest(
      String channel,
      @Nullable String text,
      @Nullable List<Map<String, Object>> blocks,
      @Nullable String threadTs,
      String idempotencyKey,
      @Nullable String title,
      @Nullable MeetingSummary summary,
      @Nullable String userId) {

    static SlackMessageRequest text(
        String channel,
        String text,
        List<Map<String, Object>> blocks,
        @Nullable String threadTs,
        String idempotencyKey) {
      return new SlackMessageRequest(
          channel, text, blocks, threadTs, idempotencyKey, null, null, null);
    }
  }

  /**
   * What slack-integration-service answers to {@code POST /messages}: the message's status ({@code
   * queued}, {@code sent}, {@code outbox}), its Slack timestamp once posted, and whether the key
   * had been used already.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record SlackMessageResponse(
      @Nullable String channel,
      @Nullable String status,
      @Nullable String ts,
      @Nullable Boolean duplicate) {}
}
