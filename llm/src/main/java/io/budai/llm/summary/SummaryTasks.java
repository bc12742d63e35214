package io.budai.llm.summary;

import io.budai.llm.LlmException;
import io.budai.llm.LlmTask;
import io.budai.llm.text.TextCleaner;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The summary tasks: {@code summarize} (map step and short transcripts) and {@code summarize_merge}
 * (reduce step). Prompts: {@code prompts/summarize.*.md}, {@code prompts/summarize_merge.*.md};
 * schema: {@code schemas/summarize.json}.
 */
public final class SummaryTasks {

  private static final JsonMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
  private static final int PROMPT_OVERHEAD_TOKENS = 1200;

  private static final OfflineSummarizer OFFLINE = new OfflineSummarizer();

  /** Reduce: merges partial summaries of consecutive parts into one. */
  public static final LlmTask<LlmTask.Partials<SummaryInput, Summary>, Summary> MERGE =
      new LlmTask<>(
          "summarize_merge",
          Summary.class,
          p ->
              Map.of(
                  "title", title(p.input()),
                  "meeting_date", p.input().meetingDate().toString(),
                  "people", String.join(", ", MeetingPeople.of(p.input().turns())),
                  "partials", JSON.writeValueAsString(p.partials())),
          p -> OFFLINE.summarize(p.input()),
          (p, s) -> validate(p.input(), s),
          2000,
          null);

  /** Summarizes a transcript; long ones are split to fit the model's window and merged. */
  public static final LlmTask<SummaryInput, Summary> SUMMARIZE =
      new LlmTask<>(
          "summarize",
          Summary.class,
          in ->
              Map.of(
                  "title", title(in),
                  "meeting_date", in.meetingDate().toString(),
                  "people", String.join(", ", MeetingPeople.of(in.turns())),
                  "transcript", transcript(in.turns())),
          OFFLINE::summarize,
          SummaryTasks::validate,
          2000,
          new LlmTask.MapReduce<>(SummaryTasks::split, MERGE));

  private SummaryTasks() {}

  /** The transcript as prompt lines: {@code Speaker: text}, cleaned of markers and fillers. */
  static String transcript(List<Turn> turns) {
    StringBuilder out = new StringBuilder();
    for (Turn t : turns) {
      String text = TextCleaner.clean(t.text());
      if (!text.isEmpty()) {
        out.append(t.speaker().strip()).append(": ").append(text).append('\n');
      }
    }
    return out.toString();
  }

  /** Consecutive parts of {@code input} whose transcripts fit {@code tokenBudget} tokens each. */
  static List<SummaryInput> split(SummaryInput input, int tokenBudget) {
    int budgetChars = Math.max(2000, (tokenBudget - PROMPT_OVERHEAD_TOKENS) * 4);
    List<SummaryInput> parts = new ArrayList<>();
    List<Turn> current = new ArrayList<>();
    int chars = 0;
    for (Turn t : input.turns()) {
      int size = t.speaker().length() + t.text().length() + 3;
      if (!current.isEmpty() && chars + size > budgetChars) {
        parts.add(new SummaryInput(input.title(), input.language(), input.meetingDate(), current));
        current = new ArrayList<>();
        chars = 0;
      }
      current.add(t);
      chars += size;
    }
    if (!current.isEmpty() || parts.isEmpty()) {
      parts.add(new SummaryInput(input.title(), input.language(), input.meetingDate(), current));
    }
    return parts;
  }

  /**
   * Checks an LLM summary against its transcript: an overview is required; an owner who is not a
   * speaker or a person named in the transcript is dropped (and the item's confidence halved); a
   * due date must be an ISO date, else it is resolved from the item's text or dropped.
   */
  static Summary validate(SummaryInput input, Summary s) {
    if (s.overview() == null || s.overview().isBlank()) {
      throw new LlmException("The summary has no overview");
    }
    Set<String> people = MeetingPeople.of(input.turns());
    List<ActionItem> items = new ArrayList<>();
    for (ActionItem item : nonNull(s.actionItems())) {
      if (item == null || item.text() == null || item.text().isBlank()) {
        continue;
      }
      String owner = canonical(item.owner(), people);
      double confidence = Math.clamp(item.confidence(), 0.0, 1.0);
      if (item.owner() != null && owner == null) {
        confidence = confidence / 2;
      }
      items.add(
          new ActionItem(item.text().strip(), owner, due(item, input.meetingDate()), confidence));
    }
    return new Summary(
        s.overview().strip(),
        strings(s.keyPoints()),
        strings(s.decisions()),
        items,
        strings(s.risks()));
  }

  private static String due(ActionItem item, LocalDate meetingDate) {
    if (item.due() != null && !item.due().isBlank()) {
      try {
        return LocalDate.parse(item.due().strip()).toString();
      } catch (DateTimeParseException e) {
        return DueDates.resolve(item.due(), meetingDate).map(LocalDate::toString).orElse(null);
      }
    }
    return null;
  }

  private static String canonical(String owner, Set<String> people) {
    if (owner == null || owner.isBlank()) {
      return null;
    }
    for (String p : people) {
      if (p.equalsIgnoreCase(owner.strip())) {
        return p;
      }
    }
    return null;
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static List<String> strings(List<String> list) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : nonNull(list)) {
      if (s != null && !s.isBlank()) {
        out.add(s.strip());
      }
    }
    return List.copyOf(out);
  }

  private static String title(SummaryInput in) {
    return in.title() == null || in.title().isBlank() ? "(untitled)" : in.title().strip();
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
