package io.budai.communicator.meeting;

import io.budai.communicator.CommunicatorProperties;
import io.budai.communicator.collector.CollectorClient;
import io.budai.contracts.dto.ActionItem;
import io.budai.contracts.dto.Answer;
import io.budai.contracts.dto.Citation;
import io.budai.contracts.dto.MeetingBrief;
import io.budai.contracts.dto.MeetingSummary;
import io.budai.contracts.dto.TokenUsage;
import io.budai.llm.CallContext;
import io.budai.llm.EngineChoice;
import io.budai.llm.Llm;
import io.budai.llm.LlmResult;
import io.budai.llm.answer.AnswerDraft;
import io.budai.llm.answer.AnswerInput;
import io.budai.llm.answer.AnswerTasks;
import io.budai.llm.answer.Passage;
import io.budai.llm.answer.PassageRetriever;
import io.budai.llm.summary.Summary;
import io.budai.llm.summary.SummaryInput;
import io.budai.llm.summary.SummaryTasks;
import io.budai.llm.summary.Turn;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** Briefs and grounded answers about one meeting, from the collector's transcript. */
@Service
public class MeetingQuestions {

  private final CollectorClient collector;
  private final Llm llm;
  private final CommunicatorProperties properties;

  MeetingQuestions(CollectorClient collector, Llm llm, CommunicatorProperties properties) {
    this.collector = collector;
    this.llm = llm;
    this.properties = properties;
  }

  /** Summary and key points so far (also while the meeting is live). */
  public MeetingBrief brief(String userId, String meetingId, EngineChoice choice) {
    CollectorClient.Transcript t = collector.transcript(userId, meetingId);
    List<Turn> turns = CollectorClient.turns(t);
    MeetingSummary summary;
    if (turns.isEmpty()) {
      summary =
          new MeetingSummary(
              meetingId,
              "Nothing has been said in this meeting yet.",
              List.of(),
              List.of(),
              List.of(),
              List.of(),
              "offline",
              "offline-extractive",
              TokenUsage.NONE);
    } else {
      LlmResult<Summary> r =
          llm.run(
              SummaryTasks.SUMMARIZE,
              new SummaryInput(null, null, LocalDate.now(ZoneOffset.UTC), turns),
              choice,
              new CallContext(userId, meetingId));
      Summary s = r.value();
      summary =
          new MeetingSummary(
              meetingId,
              s.overview(),
              s.keyPoints(),
              s.decisions(),
              s.actionItems().stream()
                  .map(a -> new ActionItem(a.text(), a.owner(), a.due(), a.confidence()))
                  .toList(),
              s.risks(),
              r.engine(),
              r.model(),
              new TokenUsage(r.usage().promptTokens(), r.usage().completionTokens()));
    }
    return new MeetingBrief(
        meetingId, t.status(), t.segments() == null ? 0 : t.segments().size(), summary);
  }

  /** An answer to {@code question} grounded in the meeting's transcript, with citations. */
  public Answer ask(String userId, String meetingId, String question, EngineChoice choice) {
    CollectorClient.Transcript t = collector.transcript(userId, meetingId);
    List<Passage> passages =
        PassageRetriever.retrieve(
            question, meetingId, CollectorClient.turns(t), properties.passages());
    return answer(
        question, "meeting " + meetingId, passages, choice, new CallContext(userId, meetingId));
  }

  /** An answer from {@code passages} (of one meeting or a search across meetings). */
  public Answer answer(
      String question,
      String context,
      List<Passage> passages,
      EngineChoice choice,
      CallContext callContext) {
    LlmResult<AnswerDraft> r =
        llm.run(
            AnswerTasks.ANSWER, new AnswerInput(question, context, passages), choice, callContext);
    Map<String, Passage> byId =
        passages.stream().collect(Collectors.toMap(Passage::id, Function.identity(), (a, b) -> a));
    List<Citation> citations = new ArrayList<>();
    for (String id : r.value().citations()) {
      Passage p = byId.get(id);
      if (p != null) {
        citations.add(citation(p));
      }
    }
    return new Answer(r.value().answer(), citations, r.engine(), r.model());
  }

  static Citation citation(Passage p) {
    return new Citation(p.meetingId(), p.id(), p.speaker(), p.start(), p.end(), p.text());
  }
}
