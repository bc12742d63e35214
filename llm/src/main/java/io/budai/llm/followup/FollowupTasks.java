package io.budai.llm.followup;

import io.budai.llm.LlmException;
import io.budai.llm.LlmTask;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code followup_note} task: prompts {@code prompts/followup_note.*.md}. */
public final class FollowupTasks {

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

  /** Writes the subject and the opening paragraph of a meeting follow-up. */
  public static final LlmTask<FollowupNoteInput, FollowupNote> NOTE =
      new LlmTask<>(
          "followup_note",
          FollowupNote.class,
          in ->
              Map.of(
                  "title", in.title(),
                  "overview", in.overview(),
                  "decisions", lines(in.decisions()),
                  "action_items", lines(in.actionItems())),
          FollowupTasks::offline,
          FollowupTasks::validate,
          600,
          null);

  private FollowupTasks() {}

  static FollowupNote offline(FollowupNoteInput in) {
    String[] sentences = SENTENCE_END.split(in.overview().strip());
    StringBuilder intro = new StringBuilder("Thanks for joining \"" + in.title() + "\". ");
    for (int i = 0; i < Math.min(2, sentences.length); i++) {
      intro.append(sentences[i].strip()).append(' ');
    }
    if (!in.actionItems().isEmpty()) {
      intro
          .append("Below are the decisions and the ")
          .append(in.actionItems().size())
          .append(in.actionItems().size() == 1 ? " action item" : " action items")
          .append(" with their owners.");
    } else {
      intro.append("Below is a recap of what was decided.");
    }
    return new FollowupNote("Follow-up: " + in.title(), intro.toString().strip());
  }

  static FollowupNote validate(FollowupNoteInput in, FollowupNote note) {
    if (note.subject() == null
        || note.subject().isBlank()
        || note.intro() == null
        || note.intro().isBlank()) {
      throw new LlmException("The follow-up note needs a subject and an intro");
    }
    String subject = note.subject().strip().replaceAll("[\\r\\n]+", " ");
    return new FollowupNote(
        subject.length() > 150 ? subject.substring(0, 150) : subject, note.intro().strip());
  }

  private static String lines(java.util.List<String> items) {
    return items.isEmpty() ? "(none)" : "- " + String.join("\n- ", items);
  }
}
