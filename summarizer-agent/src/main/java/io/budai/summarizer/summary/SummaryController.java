package io.budai.summarizer.summary;

import io.budai.contracts.dto.ActionItem;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.contracts.dto.SummarizeRequest;
import io.budai.contracts.dto.TokenUsage;
import io.budai.contracts.dto.TranscriptTurn;
import io.budai.llm.CallContext;
import io.budai.llm.DefaultEngine;
import io.budai.llm.EngineChoice;
import io.budai.llm.Llm;
import io.budai.llm.LlmResult;
import io.budai.llm.summary.Summary;
import io.budai.llm.summary.SummaryInput;
import io.budai.llm.summary.SummaryTasks;
import io.budai.llm.summary.Turn;
import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /summarize} (DESIGN.md §5). */
@RestController
@EnableConfigurationProperties(SummarizerProperties.class)
class SummaryController {

  private final Llm llm;
  private final DefaultEngine defaultEngine;
  private final SummarizerProperties limits;

  SummaryController(Llm llm, DefaultEngine defaultEngine, SummarizerProperties limits) {
    this.llm = llm;
    this.defaultEngine = defaultEngine;
    this.limits = limits;
  }

  @PostMapping("/summarize")
  MeetingSummary summarize(@RequestBody SummarizeRequest request, CallerIdentity caller) {
    EngineChoice choice = engine(request.engine());
    SummaryInput input = input(request);
    LlmResult<Summary> result =
        llm.run(
            SummaryTasks.SUMMARIZE,
            input,
            choice,
            new CallContext(caller.userId(), request.meetingId()));
    Summary s = result.value();
    return new MeetingSummary(
        request.meetingId() == null ? "" : request.meetingId(),
        s.overview(),
        s.keyPoints(),
        s.decisions(),
        s.actionItems().stream()
            .map(a -> new ActionItem(a.text(), a.owner(), a.due(), a.confidence()))
            .toList(),
        s.risks(),
        result.engine(),
        result.model(),
        new TokenUsage(result.usage().promptTokens(), result.usage().completionTokens()));
  }

  private EngineChoice engine(String value) {
    try {
      return EngineChoice.parse(value, defaultEngine.choice());
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-engine", "Invalid engine", e.getMessage());
    }
  }

  private SummaryInput input(SummarizeRequest request) {
    List<TranscriptTurn> transcript = request.transcript();
    if (transcript == null || transcript.isEmpty()) {
      throw unprocessable("The transcript is empty: send at least one turn with speaker and text.");
    }
    if (transcript.size() > limits.maxTurns()) {
      throw tooLarge(transcript.size() + " turns (at most " + limits.maxTurns() + ")");
    }
    List<Turn> turns = new ArrayList<>(transcript.size());
    long chars = 0;
    boolean anyText = false;
    for (int i = 0; i < transcript.size(); i++) {
      TranscriptTurn t = transcript.get(i);
      if (t == null || t.text() == null) {
        throw unprocessable("Turn " + i + " has no text.");
      }
      if (t.start() != null && t.end() != null && t.end() < t.start()) {
        throw unprocessable("Turn " + i + " ends before it starts.");
      }
      chars += t.text().length();
      anyText |= !t.text().isBlank();
      String speaker =
          t.speaker() == null || t.speaker().isBlank() ? "Unknown speaker" : t.speaker();
      turns.add(new Turn(String.valueOf(i), speaker, t.text(), t.start(), t.end()));
    }
    if (chars > limits.maxTranscriptChars()) {
      throw tooLarge(chars + " characters (at most " + limits.maxTranscriptChars() + ")");
    }
    if (!anyText) {
      throw unprocessable("Every turn of the transcript is blank.");
    }
    return new SummaryInput(request.title(), request.language(), meetingDate(request), turns);
  }

  private static LocalDate meetingDate(SummarizeRequest request) {
    if (request.meetingDate() == null || request.meetingDate().isBlank()) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    try {
      return LocalDate.parse(request.meetingDate().strip());
    } catch (DateTimeParseException e) {
      throw unprocessable("meeting_date must be an ISO date such as 2026-05-12.");
    }
  }

  private static ProblemException unprocessable(String detail) {
    return new ProblemException(
        HttpStatus.UNPROCESSABLE_CONTENT, "invalid-transcript", "Invalid transcript", detail);
  }

  private static ProblemException tooLarge(String what) {
    return new ProblemException(
        HttpStatus.CONTENT_TOO_LARGE,
        "transcript-too-large",
        "Transcript too large",
        "The transcript has " + what + ".");
  }
}
