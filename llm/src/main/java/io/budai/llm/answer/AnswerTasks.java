package io.budai.llm.answer;

import io.budai.llm.LlmException;
import io.budai.llm.LlmTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code answer} task: an answer constrained to retrieved passages, with citations. Offline it
 * quotes the best passages with their speakers; an LLM writes an answer from them and names the
 * passages it used, and a citation of a passage that was not given is dropped.
 */
public final class AnswerTasks {

  /** No answer could be grounded. */
  public static final String NOT_FOUND =
      "I could not find this in the transcript. Try other words, or ask about another meeting.";

  /** Answers a question from passages. */
  public static final LlmTask<AnswerInput, AnswerDraft> ANSWER =
      new LlmTask<>(
          "answer",
          AnswerDraft.class,
          in ->
              Map.of("question", in.question(), "context", in.context(), "passages", passages(in)),
          AnswerTasks::offline,
          AnswerTasks::validate,
          800,
          null);

  private AnswerTasks() {}

  static AnswerDraft offline(AnswerInput in) {
    if (in.passages().isEmpty()) {
      return new AnswerDraft(NOT_FOUND, List.of());
    }
    List<Passage> best = in.passages().subList(0, Math.min(2, in.passages().size()));
    StringBuilder answer = new StringBuilder("From the transcript");
    answer.append(in.context().isBlank() ? "" : " of " + in.context()).append(":");
    List<String> ids = new ArrayList<>();
    for (Passage p : best) {
      answer
          .append("\n• ")
          .append(p.speaker())
          .append(" said: “")
          .append(quote(p.text()))
          .append("”");
      ids.add(p.id());
    }
    return new AnswerDraft(answer.toString(), ids);
  }

  static AnswerDraft validate(AnswerInput in, AnswerDraft draft) {
    if (draft.answer() == null || draft.answer().isBlank()) {
      throw new LlmException("The answer is empty");
    }
    Set<String> given = in.passages().stream().map(Passage::id).collect(Collectors.toSet());
    List<String> cited =
        draft.citations() == null
            ? List.of()
            : draft.citations().stream().filter(given::contains).distinct().toList();
    return new AnswerDraft(draft.answer().strip(), cited);
  }

  private static String passages(AnswerInput in) {
    if (in.passages().isEmpty()) {
      return "(no passage matched the question)";
    }
    StringBuilder out = new StringBuilder();
    for (Passage p : in.passages()) {
      out.append("[").append(p.id()).append("] ").append(p.speaker());
      if (p.start() != null) {
        out.append(" at ").append(Math.round(p.start())).append("s");
      }
      out.append(": ").append(p.text()).append('\n');
    }
    return out.toString();
  }

  private static String quote(String text) {
    String[] words = text.split("\\s+");
    if (words.length <= 60) {
      return text;
    }
    return String.join(" ", java.util.Arrays.copyOf(words, 60)) + " …";
  }
}
