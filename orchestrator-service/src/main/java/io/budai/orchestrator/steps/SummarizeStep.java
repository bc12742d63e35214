package io.budai.orchestrator.steps;

import io.budai.contracts.dto.Attendee;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.contracts.dto.SummarizeRequest;
import io.budai.contracts.dto.TranscriptTurn;
import io.budai.contracts.events.SummaryGenerated;
import io.budai.orchestrator.steps.AgentDtos.Transcript;
import io.budai.orchestrator.steps.AgentDtos.TranscriptSegment;
import io.budai.orchestrator.workflow.Step;
import io.budai.orchestrator.workflow.StepHandler;
import io.budai.orchestrator.workflow.Workflow;
import io.budai.orchestrator.workflow.WorkflowContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code summarize}: the transcript from transcription-collector, a summary from summarizer-agent,
 * stored as the {@code summary} result and published as {@code summary.generated}.
 */
final class SummarizeStep implements StepHandler {

  static final String RESULT = "summary";

  private final Downstreams downstreams;
  private final JsonMapper json;

  SummarizeStep(Downstreams downstreams, JsonMapper json) {
    this.downstreams = downstreams;
    this.json = json;
  }

  @Override
  public Step step() {
    return Step.SUMMARIZE;
  }

  @Override
  public Outcome run(Workflow wf, Results results) {
    Transcript transcript = downstreams.transcript(wf.meetingId(), wf.userId());
    List<TranscriptSegment> segments =
        transcript.segments() == null ? List.of() : transcript.segments();
    List<TranscriptTurn> lines =
        segments.stream()
            .filter(s -> s.text() != null && !s.text().isBlank())
            .map(
                s ->
                    new TranscriptTurn(
                        s.speaker() == null || s.speaker().isBlank() ? "Unknown" : s.speaker(),
                        s.text().strip(),
                        s.start(),
                        s.end()))
            .toList();
    if (lines.isEmpty()) {
      throw new PermanentStepException(
          "meeting " + wf.meetingId() + " has no transcribed speech to summarize");
    }
    String title = title(wf, transcript);
    String language =
        segments.stream()
            .map(TranscriptSegment::language)
            .filter(l -> l != null && !l.isBlank())
            .findFirst()
            .orElse(wf.context().language());
    MeetingSummary summary =
        downstreams.summarize(
            new SummarizeRequest(wf.meetingId(), title, language, lines, "auto", meetingDate(wf)),
            idempotencyKey(wf, "summarize"));
    Set<String> speakers = new LinkedHashSet<>();
    lines.forEach(l -> speakers.add(l.speaker()));
    speakers.remove("Unknown");
    List<Attendee> attendees = speakers.stream().map(n -> new Attendee(n, null, null)).toList();
    WorkflowContext context = wf.context().withTranscriptFacts(title, attendees, language);
    return new Outcome(
        context,
        Map.of(RESULT, json.writeValueAsString(summary)),
        List.of(new SummaryGenerated(wf.meetingId(), wf.id(), summary)));
  }

  private static String title(Workflow wf, Transcript transcript) {
    if (wf.context().title() != null) {
      return wf.context().title();
    }
    if (transcript.title() != null && !transcript.title().isBlank()) {
      return transcript.title();
    }
    if (transcript.data() != null
        && transcript.data().get("name") instanceof String name
        && !name.isBlank()) {
      return name;
    }
    String nativeId = transcript.nativeMeetingId();
    return "Meeting " + (nativeId != null ? nativeId : wf.meetingId());
  }

  /**
   * The meeting's date (UTC), against which the summarizer resolves relative deadlines ("by
   * Friday"): when it was scheduled to start, else when the workflow was created (right after it
   * ended).
   */
  static String meetingDate(Workflow wf) {
    Instant at = wf.context().startsAt() != null ? wf.context().startsAt() : wf.createdAt();
    return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
  }

  /** The idempotency key of one side effect of one workflow step: the same on every attempt. */
  static String idempotencyKey(Workflow wf, String effect) {
    return "workflow:" + wf.id() + ":" + effect;
  }
}
