package io.budai.orchestrator.steps;

import io.budai.contracts.dto.Attendee;
import io.budai.contracts.dto.FollowupDraft;
import io.budai.contracts.dto.FollowupRequest;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.contracts.events.FollowupDrafted;
import io.budai.orchestrator.workflow.Step;
import io.budai.orchestrator.workflow.StepHandler;
import io.budai.orchestrator.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code followup}: the follow-up drafts (email and Slack) from followup-agent, stored as the
 * {@code followup} result and announced as {@code followup.drafted}.
 */
final class FollowupStep implements StepHandler {

  static final String RESULT = "followup";

  private final Downstreams downstreams;
  private final Channels channels;
  private final boolean email;
  private final JsonMapper json;

  FollowupStep(Downstreams downstreams, Channels channels, boolean email, JsonMapper json) {
    this.downstreams = downstreams;
    this.channels = channels;
    this.email = email;
    this.json = json;
  }

  @Override
  public Step step() {
    return Step.FOLLOWUP;
  }

  @Override
  public Outcome run(Workflow wf, Results results) {
    MeetingSummary summary =
        json.readValue(
            results
                .get(SummarizeStep.RESULT)
                .orElseThrow(
                    () ->
                        new PermanentStepException(
                            "the summary of this workflow is gone (expired); retry from summarize"
                                + " with a new /loop summary")),
            MeetingSummary.class);
    String title =
        wf.context().title() != null ? wf.context().title() : "Meeting " + wf.meetingId();
    FollowupDraft draft =
        downstreams.followup(
            new FollowupRequest(wf.meetingId(), title, summary, attendees(wf), null),
            SummarizeStep.idempotencyKey(wf, "followup"));
    List<String> emailTo = emailTo(draft);
    List<String> to = new ArrayList<>();
    if (channels.slackChannel(wf).isPresent()) {
      to.add("slack");
    }
    if (!emailTo.isEmpty()) {
      to.add("email");
    }
    return new Outcome(
        null,
        Map.of(RESULT, json.writeValueAsString(draft)),
        List.of(new FollowupDrafted(wf.meetingId(), wf.id(), to, emailTo)));
  }

  /**
   * Who gets the follow-up: the meeting's attendees (for a recorded meeting, its speakers, who have
   * no address) and its owner, with the address admin-service has for them, so the follow-up email
   * always reaches at least the person who sent the bot.
   */
  private List<Attendee> attendees(Workflow wf) {
    List<Attendee> attendees = new ArrayList<>(wf.context().attendees());
    if (!email || wf.userId() == null) {
      return attendees;
    }
    downstreams
        .owner(wf.userId())
        .filter(
            owner ->
                attendees.stream()
                    .noneMatch(a -> a.email() != null && a.email().equalsIgnoreCase(owner.email())))
        .ifPresent(attendees::add);
    return attendees;
  }

  List<String> emailTo(FollowupDraft draft) {
    if (!email || draft.email() == null || draft.email().to() == null) {
      return List.of();
    }
    return draft.email().to().stream().filter(a -> a != null && a.contains("@")).toList();
  }
}
