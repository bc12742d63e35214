package io.budai.orchestrator.steps;

import io.budai.contracts.dto.EmailSendRequest;
import io.budai.contracts.dto.EmailSendResult;
import io.budai.contracts.dto.FollowupDraft;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.contracts.events.FollowupSent;
import io.budai.orchestrator.steps.AgentDtos.SlackMessageRequest;
import io.budai.orchestrator.steps.AgentDtos.SlackMessageResponse;
import io.budai.orchestrator.workflow.Step;
import io.budai.orchestrator.workflow.StepHandler;
import io.budai.orchestrator.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deliver}: posts to Slack through slack-integration-service and, for a meeting's follow-up,
 * emails the attendees through followup-agent, then publishes {@code followup.sent}. Each of the
 * two side effects has its own idempotency key, so a re-run after a crash or an error does not post
 * or send twice.
 */
final class DeliverStep implements StepHandler {

  static final String RESULT = "delivery";

  private final Downstreams downstreams;
  private final Channels channels;
  private final FollowupStep followup;
  private final JsonMapper json;

  DeliverStep(Downstreams downstreams, Channels channels, FollowupStep followup, JsonMapper json) {
    this.downstreams = downstreams;
    this.channels = channels;
    this.followup = followup;
    this.json = json;
  }

  @Override
  public Step step() {
    return Step.DELIVER;
  }

  @Override
  public Outcome run(Workflow wf, Results results) {
    return switch (wf.kind()) {
      case MEETING -> followup(wf, results);
      case SUMMARY -> summary(wf, results);
      case PREP -> brief(wf, results);
    };
  }

  private Outcome followup(Workflow wf, Results results) {
    FollowupDraft draft = json.readValue(result(results, FollowupStep.RESULT), FollowupDraft.class);
    Optional<String> channel = channels.slackChannel(wf);
    List<String> emailTo = followup.emailTo(draft);
    if (channel.isEmpty() && emailTo.isEmpty()) {
      throw nowhere();
    }
    String title = wf.context().title() != null ? wf.context().title() : "your meeting";
    List<String> delivered = new ArrayList<>();
    Map<String, Object> delivery = new LinkedHashMap<>();
    if (channel.isPresent()) {
      String text =
          draft.slack() != null && draft.slack().text() != null
              ? draft.slack().text()
              : "Follow-up: " + title;
      List<Map<String, Object>> blocks =
          draft.slack() != null && draft.slack().blocks() != null
              ? draft.slack().blocks()
              : List.of();
      SlackMessageResponse posted =
          downstreams.postSlack(
              SlackMessageRequest.text(
                  wf,
                  channel.get(),
                  text,
                  blocks,
                  wf.context().threadTs(),
                  SummarizeStep.idempotencyKey(wf, "deliver:slack")));
      delivered.add("slack");
      delivery.put(
          "slack",
          Map.of(
              "channel", channel.get(),
              "status", String.valueOf(posted.status()),
              "ts", String.valueOf(posted.ts())));
    }
    if (!emailTo.isEmpty()) {
      var email = draft.email();
      EmailSendResult sent =
          downstreams.sendEmail(
              new EmailSendRequest(
                  emailTo,
                  email.subject() != null ? email.subject() : "Follow-up: " + title,
                  email.text() != null ? email.text() : "",
                  email.html(),
                  wf.meetingId(),
                  wf.userId(),
                  wf.id()),
              SummarizeStep.idempotencyKey(wf, "deliver:email"));
      delivered.add("email");
      delivery.put("email", Map.of("to", emailTo, "response", sent));
    }
    return new Outcome(
        null,
        Map.of(RESULT, json.writeValueAsString(delivery)),
        List.of(new FollowupSent(wf.meetingId(), wf.id(), delivered, emailTo)));
  }

  /** An on-demand summary: slack-integration renders it (and keeps it for the App Home). */
  private Outcome summary(Workflow wf, Results results) {
    MeetingSummary summary =
        json.readValue(result(results, SummarizeStep.RESULT), MeetingSummary.class);
    String title = wf.context().title() != null ? wf.context().title() : wf.meetingId();
    return post(
        wf,
        new SlackMessageRequest(
            channel(wf),
            null,
            null,
            wf.context().threadTs(),
            SummarizeStep.idempotencyKey(wf, "deliver:slack"),
            title,
            summary,
            wf.userId(),
            wf.meetingId(),
            wf.id()));
  }

  private Outcome brief(Workflow wf, Results results) {
    SlackMessages.Message brief =
        json.readValue(result(results, BriefStep.RESULT), SlackMessages.Message.class);
    return post(
        wf,
        SlackMessageRequest.text(
            wf,
            channel(wf),
            brief.text(),
            brief.blocks(),
            wf.context().threadTs(),
            SummarizeStep.idempotencyKey(wf, "deliver:slack")));
  }

  private Outcome post(Workflow wf, SlackMessageRequest request) {
    SlackMessageResponse posted = downstreams.postSlack(request);
    Map<String, Object> delivery =
        Map.of(
            "slack",
            Map.of(
                "channel", request.channel(),
                "status", String.valueOf(posted.status()),
                "ts", String.valueOf(posted.ts())));
    return new Outcome(null, Map.of(RESULT, json.writeValueAsString(delivery)), List.of());
  }

  private String channel(Workflow wf) {
    return channels.slackChannel(wf).orElseThrow(DeliverStep::nowhere);
  }

  private static String result(Results results, String name) {
    return results
        .get(name)
        .orElseThrow(
            () -> new PermanentStepException("the " + name + " result of this workflow is gone"));
  }

  private static PermanentStepException nowhere() {
    return new PermanentStepException(
        "nowhere to deliver: the meeting has no Slack channel, the user has none configured"
            + " (ORCHESTRATOR_USER_CHANNELS), SLACK_DEFAULT_CHANNEL is not set and no attendee has"
            + " an email address");
  }
}
