package io.budai.contracts.events;

import io.budai.contracts.dto.ActionItem;
import io.budai.contracts.dto.Attendee;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.contracts.dto.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One fully populated payload per catalogued type: the Java side of the golden files. Every field
 * is set, so a field missing from a golden file (or from the encoder) shows up as a difference.
 */
final class Samples {

  static final Map<Class<? extends DomainEvent>, DomainEvent> PAYLOADS =
      Map.ofEntries(
          Map.entry(
              SlackCommand.class,
              new SlackCommand(
                  "T0001",
                  "C0001",
                  "U0001",
                  "/loop",
                  "start standup",
                  "https://hooks.slack.com/commands/T0001/1/abc")),
          Map.entry(
              SlackEvent.class,
              new SlackEvent(
                  "Ev0001",
                  "T0001",
                  "app_mention",
                  "U0001",
                  "C0001",
                  "<@U0BOT> what did we decide?",
                  "1718000000.000100",
                  "1717999999.000050")),
          Map.entry(
              VoiceCallStarted.class,
              new VoiceCallStarted(
                  "R0001", "m-0001", "C0001", "U0001", "https://slack.com/call/R0001")),
          Map.entry(
              VoiceCallEnded.class,
              new VoiceCallEnded(
                  "R0001", "m-0001", "C0001", "U0001", Instant.parse("2025-06-10T10:30:00Z"))),
          Map.entry(
              BotRequested.class,
              new BotRequested(
                  "b-0001", "m-0001", "u-0001", "google_meet", "abc-defg-hij", "BudAI", "en")),
          Map.entry(
              BotStatusChanged.class,
              new BotStatusChanged("b-0001", "m-0001", BotStatus.IN_CALL, "admitted by host")),
          Map.entry(
              MeetingStarted.class,
              new MeetingStarted("m-0001", "u-0001", "google_meet", "abc-defg-hij", "Standup")),
          Map.entry(
              MeetingCompleted.class,
              new MeetingCompleted(
                  "m-0001", "u-0001", Instant.parse("2025-06-10T10:30:00Z"), 1800.5, 214, "C0001")),
          Map.entry(
              CalendarMeetingUpcoming.class,
              new CalendarMeetingUpcoming(
                  "m-0002",
                  "Quarterly planning",
                  Instant.parse("2025-06-11T09:00:00Z"),
                  List.of(new Attendee("Ada Lovelace", "ada@example.com", "U0002")),
                  "Plan Q3 goals")),
          Map.entry(
              SummaryGenerated.class,
              new SummaryGenerated(
                  "m-0001",
                  "wf-0001",
                  new MeetingSummary(
                      "m-0001",
                      "The team agreed to ship the beta on Friday.",
                      List.of("Beta scope is frozen"),
                      List.of("Ship the beta on Friday"),
                      List.of(new ActionItem("Write release notes", "Ada", "Thursday", 0.9)),
                      List.of("QA capacity is thin"),
                      "llm",
                      "gpt-4o-mini",
                      new TokenUsage(1200, 300)))),
          Map.entry(
              FollowupDrafted.class,
              new FollowupDrafted(
                  "m-0001", "wf-0001", List.of("slack", "email"), List.of("ada@example.com"))),
          Map.entry(
              FollowupSent.class,
              new FollowupSent(
                  "m-0001", "wf-0001", List.of("slack", "email"), List.of("ada@example.com"))),
          Map.entry(
              WorkflowStateChanged.class,
              new WorkflowStateChanged(
                  "wf-0001",
                  "meeting",
                  "m-0001",
                  "running",
                  "waiting",
                  "wait_followup",
                  2,
                  "summarizer-agent timed out")),
          Map.entry(
              UsageRecorded.class,
              new UsageRecorded("u-0001", "m-0001", UsageRecorded.LLM_TOKENS, 1500, "gpt-4o-mini")),
          Map.entry(
              ApiKeyRevoked.class,
              new ApiKeyRevoked(
                  "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")));

  /** The envelope of a golden file: fixed ids and times so the file is stable. */
  static EventEnvelope<DomainEvent> envelope(DomainEvent payload) {
    EventTypes.EventType type = EventTypes.of(payload);
    return new EventEnvelope<>(
        "0190a6f2-1c3e-7a4b-8c5d-6e7f8a9b0c1d",
        type.type(),
        type.version(),
        Instant.parse("2025-06-10T10:30:01.250Z"),
        "test-producer",
        "0190a6f2-0000-7000-8000-000000000001",
        "0190a6f2-0000-7000-8000-000000000002",
        "u-0001",
        payload);
  }

  /** Resource path of the golden file of one type and version. */
  static String goldenPath(EventTypes.EventType type) {
    return "/golden/events/" + type.type() + ".v" + type.version() + ".json";
  }

  private Samples() {}
}
