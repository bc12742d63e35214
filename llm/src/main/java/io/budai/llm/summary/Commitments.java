package io.budai.llm.summary;

import io.budai.llm.summary.MeetingText.Sentence;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule-based decisions, action items and risks over cleaned sentences. An action item's owner is
 * the speaker who committed ("I will", "I'll"), or a speaker or named person the sentence assigns
 * the task to ("Laura will", "the industrial designer is going to"); never anyone else.
 */
final class Commitments {

  private static final Pattern DECISION =
      Pattern.compile(
          "(?i)\\b(?:(?:we|we've|we have|the team|everybody|everyone)\\s+(?:all\\s+)?"
              + "(?:decided|agreed|settled on|chose|concluded)"
              + "|(?:we're|we are|we'll|we will)\\s+(?:going to\\s+)?(?:go|stick)\\s+(?:with|for)"
              + "|(?:decision is|final decision|we've got a decision|is decided|are decided|"
              + "that's decided|that's agreed|it's agreed|agreed then)"
              + "|let's (?:go|stick) (?:with|for))\\b");
  private static final Pattern SELF_COMMIT =
      Pattern.compile(
          "(?i)\\b(?:i'll|i will|i'm going to|i am going to|i shall|i can|i need to|i have to|"
              + "i've got to|i must)\\s+(?:also\\s+|then\\s+|definitely\\s+|just\\s+)?([a-z]+)\\b(.*)$");
  private static final Pattern ASSIGN_YOU =
      Pattern.compile(
          "(?i)\\b(?:you'll|you will|you're going to|you are going to|you need to|you have to|"
              + "you should|can you|could you|would you)\\s+(?:also\\s+|then\\s+|please\\s+)?"
              + "([a-z]+)\\b(.*)$");
  private static final Pattern TEAM_COMMIT =
      Pattern.compile(
          "(?i)\\b(?:we'll|we will|we need to|we have to|we've got to|we must|let's)\\s+"
              + "(?:also\\s+|then\\s+|definitely\\s+|just\\s+)?([a-z]+)\\b(.*)$");
  private static final Pattern ACTION_CUE =
      Pattern.compile(
          "(?i)\\b(action item|to-?do|next meeting|deadline|follow up|send|email|mail|prepare|"
              + "finish|deliver|report|check|find out|look into|work on|research|draft|write up|"
              + "by (?:monday|tuesday|wednesday|thursday|friday|tomorrow|next week|the end)|"
              + "tomorrow|next week)\\b");
  private static final Pattern RISK =
      Pattern.compile(
          "(?i)\\b(risk|risky|problem|problems|issue|issues|concern|concerned|worried|worry|"
              + "afraid|difficult|difficulty|too expensive|expensive|over budget|over the budget|"
              + "exceed|exceeds|can't afford|not possible|impossible|delay|delayed|blocker|"
              + "blocked|challenge|danger|fail|failure|complain|complaint)\\b");
  private static final Set<String> NON_ACTION_VERBS =
      Set.of(
          "be",
          "go",
          "just",
          "show",
          "start",
          "begin",
          "explain",
          "talk",
          "tell",
          "say",
          "pass",
          "try",
          "leave",
          "sit",
          "stop",
          "read",
          "see",
          "open",
          "close",
          "move",
          "switch",
          "come",
          "skip",
          "let",
          "turn",
          "answer",
          "wait",
          "put",
          "think",
          "guess",
          "imagine",
          "hear",
          "remember",
          "agree",
          "assume",
          "mean",
          "need",
          "have",
          "keep",
          "stay",
          "draw",
          "quickly",
          "now",
          "that",
          "this",
          "it",
          "not",
          "also",
          "definitely",
          "hand",
          "present",
          "walk",
          "run",
          "stand",
          "speak",
          "use",
          "feel",
          "like",
          "want",
          "know",
          "understand",
          "believe",
          "bring",
          "sort",
          "kind",
          "copy",
          "press",
          "click",
          "plug");

  private final MeetingText text;
  private final LocalDate meetingDate;

  Commitments(MeetingText text, LocalDate meetingDate) {
    this.text = text;
    this.meetingDate = meetingDate;
  }

  List<String> decisions(double[] salience, int max) {
    List<Scored> found = new ArrayList<>();
    for (Sentence s : text.sentences) {
      if (s.question() || s.words() < 5) {
        continue;
      }
      Matcher m = DECISION.matcher(s.text());
      if (!m.find()) {
        continue;
      }
      String from = s.text();
      if (m.group().toLowerCase(Locale.ROOT).matches("^(we|let's|the team|everybody|everyone).*")) {
        from = s.text().substring(m.start());
      }
      String d =
          from.replaceFirst("(?i)^let's (go|stick)", "the team would $1")
              .replaceFirst("(?i)^(we'll|we will)\\b", "the team will")
              .replaceFirst("(?i)^(we're|we are)\\b", "the team is")
              .replaceFirst("(?i)^(we've|we have)\\b", "the team has")
              .replaceFirst("(?i)^we\\b", "the team");
      d = ThirdPerson.pronouns(stripEnd(d));
      if (d.split("\\s+").length < 4) {
        continue;
      }
      found.add(new Scored(s.index(), salience[s.index()], ThirdPerson.capitalise(d) + "."));
    }
    return top(found, max);
  }

  List<ActionItem> actionItems(double[] salience, int max) {
    Set<String> people = text.people();
    List<ScoredItem> found = new ArrayList<>();
    for (Sentence s : text.sentences) {
      if (s.words() < 4) {
        continue;
      }
      Candidate c = candidate(s, people);
      if (c == null) {
        continue;
      }
      Optional<LocalDate> due = DueDates.resolve(s.text(), meetingDate);
      boolean cue = ACTION_CUE.matcher(s.text()).find();
      double confidence = c.base + (due.isPresent() ? 0.2 : 0) + (cue ? 0.1 : 0);
      if (confidence < 0.55) {
        continue;
      }
      found.add(
          new ScoredItem(
              s.index(),
              salience[s.index()] + confidence,
              new ActionItem(
                  c.task,
                  c.owner,
                  due.map(LocalDate::toString).orElse(null),
                  Math.min(0.95, Math.round(confidence * 100) / 100.0))));
    }
    found.sort(Comparator.comparingDouble(ScoredItem::score).reversed());
    List<ScoredItem> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ScoredItem item : found) {
      if (kept.size() >= max) {
        break;
      }
      if (seen.add(item.item().text().toLowerCase(Locale.ROOT))) {
        kept.add(item);
      }
    }
    kept.sort(Comparator.comparingInt(ScoredItem::index));
    return kept.stream().map(ScoredItem::item).toList();
  }

  List<String> risks(double[] salience, int max) {
    List<Scored> found = new ArrayList<>();
    for (Sentence s : text.sentences) {
      if (s.question() || s.words() < 6 || s.terms().size() < 3) {
        continue;
      }
      if (RISK.matcher(s.text()).find()) {
        found.add(
            new Scored(s.index(), salience[s.index()], ThirdPerson.report(s.speaker(), s.text())));
      }
    }
    return top(found, max);
  }

  private record Candidate(String task, String owner, double base) {}

  private Candidate candidate(Sentence s, Set<String> people) {
    if (s.question() && !s.text().toLowerCase(Locale.ROOT).matches("^(can|could|would) you.*")) {
      return null;
    }
    String named = assignedPerson(s.text(), people);
    if (named != null) {
      Matcher m =
          Pattern.compile(
                  "(?i)\\b"
                      + Pattern.quote(named)
                      + "\\b,?\\s+(?:will|is going to|should|needs to|has to|can|could)\\s+"
                      + "(?:also\\s+|then\\s+)?([a-z]+)\\b(.*)$")
              .matcher(s.text());
      if (m.find() && isAction(m.group(1))) {
        return new Candidate(task(m.group(1), m.group(2)), canonical(named, people), 0.6);
      }
    }
    Matcher self = SELF_COMMIT.matcher(s.text());
    if (self.find() && isAction(self.group(1))) {
      return new Candidate(task(self.group(1), self.group(2)), s.speaker(), 0.5);
    }
    Matcher you = ASSIGN_YOU.matcher(s.text());
    if (you.find() && isAction(you.group(1))) {
      String addressee = addressee(s);
      if (addressee != null) {
        return new Candidate(task(you.group(1), you.group(2)), addressee, 0.45);
      }
    }
    Matcher team = TEAM_COMMIT.matcher(s.text());
    if (team.find() && isAction(team.group(1)) && ACTION_CUE.matcher(s.text()).find()) {
      return new Candidate(task(team.group(1), team.group(2)), s.speaker(), 0.4);
    }
    return null;
  }

  /** A speaker or named person the sentence gives a task to, if any. */
  private static String assignedPerson(String sentence, Set<String> people) {
    String lower = sentence.toLowerCase(Locale.ROOT);
    for (String person : people) {
      String p = person.toLowerCase(Locale.ROOT);
      int at = lower.indexOf(p);
      if (at >= 0) {
        String after = lower.substring(at + p.length()).trim().replaceFirst("^,\\s*", "");
        if (after.matches("^(will|is going to|should|needs to|has to|can|could)\\b.*")) {
          return person;
        }
      }
    }
    return null;
  }

  private static String canonical(String named, Set<String> people) {
    for (String p : people) {
      if (p.equalsIgnoreCase(named)) {
        return p;
      }
    }
    return named;
  }

  /** The next different speaker after the sentence's turn: whom "you" most likely addresses. */
  private String addressee(Sentence s) {
    for (int t = s.turn() + 1; t < Math.min(text.turns.size(), s.turn() + 4); t++) {
      String speaker = text.turns.get(t).speaker().strip();
      if (!speaker.equals(s.speaker())) {
        return speaker;
      }
    }
    return null;
  }

  private static boolean isAction(String verb) {
    return !NON_ACTION_VERBS.contains(verb.toLowerCase(Locale.ROOT));
  }

  private static String task(String verb, String rest) {
    String body = ThirdPerson.pronouns((verb + rest).trim());
    body = stripEnd(body);
    return Character.toUpperCase(body.charAt(0)) + body.substring(1) + ".";
  }

  private record Scored(int index, double score, String text) {}

  private record ScoredItem(int index, double score, ActionItem item) {}

  private static List<String> top(List<Scored> found, int max) {
    List<Scored> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingDouble(Scored::score).reversed());
    List<Scored> kept = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Scored s : sorted) {
      if (kept.size() >= max) {
        break;
      }
      if (seen.add(s.text().toLowerCase(Locale.ROOT))) {
        kept.add(s);
      }
    }
    kept.sort(Comparator.comparingInt(Scored::index));
    return kept.stream().map(Scored::text).toList();
  }

  private static String stripEnd(String s) {
    String t = s.trim();
    while (!t.isEmpty() && ".?!,;".indexOf(t.charAt(t.length() - 1)) >= 0) {
      t = t.substring(0, t.length() - 1).trim();
    }
    return t;
  }
}
