package io.budai.orchestrator.steps;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.orchestrator.workflow.Workflow;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The orchestrator's own tolerant-reader views of the HTTP contracts that have no record in {@code
 * io.budai.contracts.dto}: the collector's transcript, admin-service's user and slack-integration's
 * {@code POST /messages}. Unknown fields are ignored so that those services may add fields. The
 * agents' wire records ({@code SummarizeRequest}, {@code FollowupRequest}, {@code FollowupDraft},
 * {@code EmailSendRequest}, …) come from shared-contracts.
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

  /**
   * admin-service {@code GET /admin/users/{id}}: Vexa's UserDetailResponse, as far as it is read.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record OwnerView(@Nullable String email, @Nullable String name) {}

  /** One segment of a TranscriptionResponse. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record TranscriptSegment(
      @Nullable Double start,
      @Nullable Double end,
      @Nullable String text,
      @Nullable String speaker,
      @Nullable String language) {}

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
      @Nullable String userId,
      @Nullable String meetingId,
      @Nullable String workflowId) {

    /**
     * Text and blocks posted for {@code wf}: its user, meeting and id go along, so the message
     * shows in that user's outbox while Slack is not configured.
     */
    static SlackMessageRequest text(
        Workflow wf,
        String channel,
        String text,
        List<Map<String, Object>> blocks,
        @Nullable String threadTs,
        String idempotencyKey) {
      return new SlackMessageRequest(
          channel,
          text,
          blocks,
          threadTs,
          idempotencyKey,
          null,
          null,
          wf.userId(),
          wf.meetingId(),
          wf.id());
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
