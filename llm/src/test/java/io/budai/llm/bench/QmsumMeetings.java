package io.budai.llm.bench;

import io.budai.llm.summary.Turn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The QMSum sample meetings of {@code shared/data/qmsum} (see its README). */
public final class QmsumMeetings {

  /** A specific question with its reference turn ranges (inclusive). */
  public record Question(String query, String answer, List<int[]> spans) {}

  /** One meeting. */
  public record Meeting(
      String id, List<Turn> turns, String referenceSummary, List<Question> questions) {}

  private QmsumMeetings() {}

  /**
   * The directory: {@code QMSUM_DIR}, else the repository's own copy (bot-manager's bundled
   * meetings, identical to {@code shared/data/qmsum}), else the first {@code shared/data/qmsum}
   * above the working directory. The repository's copy comes first so that a clone anywhere (CI's
   * among them) finds the same ten meetings.
   */
  public static Path directory() {
    String env = System.getenv("QMSUM_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    for (String relative :
        List.of("bot-manager-service/src/main/resources/qmsum", "shared/data/qmsum")) {
      for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
        Path candidate = p.resolve(relative);
        if (Files.isDirectory(candidate) && Files.exists(candidate.resolve("ES2002a.json"))) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException(
        "No QMSum meetings found (bot-manager-service/src/main/resources/qmsum or"
            + " shared/data/qmsum above the working directory); set QMSUM_DIR");
  }

  /** All meetings, sorted by id. */
  public static List<Meeting> load() {
    Path dir = directory();
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .sorted()
          .map(QmsumMeetings::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One meeting file. */
  public static Meeting read(Path file) {
    JsonNode root = JsonMapper.builder().build().readTree(file.toFile());
    List<Turn> turns = new ArrayList<>();
    int i = 0;
    for (JsonNode t : root.get("meeting_transcripts")) {
      turns.add(
          new Turn(
              String.valueOf(i++),
              t.get("speaker").asString(),
              t.get("content").asString(),
              null,
              null));
    }
    String reference = "";
    for (JsonNode q : root.get("general_query_list")) {
      if (q.get("query").asString().equals("Summarize the whole meeting.")) {
        reference = q.get("answer").asString();
      }
    }
    List<Question> questions = new ArrayList<>();
    for (JsonNode q : root.get("specific_query_list")) {
      List<int[]> spans = new ArrayList<>();
      for (JsonNode span : q.get("relevant_text_span")) {
        spans.add(
            new int[] {
              Integer.parseInt(span.get(0).asString()), Integer.parseInt(span.get(1).asString())
            });
      }
      questions.add(new Question(q.get("query").asString(), q.get("answer").asString(), spans));
    }
    String name = file.getFileName().toString();
    return new Meeting(name.substring(0, name.length() - 5), turns, reference, questions);
  }
}
