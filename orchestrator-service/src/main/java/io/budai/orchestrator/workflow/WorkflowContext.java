package io.budai.orchestrator.workflow;

import io.budai.contracts.dto.Attendee;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a workflow knows about its meeting, kept as JSON in the {@code context} field of its hash.
 *
 * @param title the meeting's title, once known
 * @param slackChannelId the Slack channel the meeting belongs to (a Slack call, or where a command
 *     was typed); delivery posts there first
 * @param threadTs the Slack thread to answer in, when there is one
 * @param attendees who took part (names from the transcript, emails from the calendar)
 * @param startsAt when an upcoming (prep) meeting starts
 * @param description the calendar event's description (agenda) of a prep meeting
 * @param requestedBy the Slack user who asked for an on-demand summary
 * @param language the transcript's language, when known
 */
public record WorkflowContext(
    @Nullable String title,
    @Nullable String slackChannelId,
    @Nullable String threadTs,
    List<Attendee> attendees,
    @Nullable Instant startsAt,
    @Nullable String description,
    @Nullable String requestedBy,
    @Nullable String language) {

  public WorkflowContext {
    attendees = attendees == null ? List.of() : List.copyOf(attendees);
  }

  /** An empty context. */
  public static WorkflowContext empty() {
    return new WorkflowContext(null, null, null, List.of(), null, null, null, null);
  }

  /** This context with {@code title} and {@code attendees} learnt from the transcript. */
  public WorkflowContext withTranscriptFacts(
      @Nullable String title, List<Attendee> attendees, @Nullable String language) {
    return new WorkflowContext(
        this.title != null ? this.title : title,
        slackChannelId,
        threadTs,
        this.attendees.isEmpty() ? attendees : this.attendees,
        startsAt,
        description,
        requestedBy,
        this.language != null ? this.language : language);
  }
}
