package io.budai.llm.summary;

import io.budai.llm.text.SparseVector;
import io.budai.llm.text.Terms;
import io.budai.llm.text.TextCleaner;
import io.budai.llm.text.TfIdf;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A transcript prepared for extraction: cleaned sentences with their speaker and turn, their terms
 * and TF-IDF vectors, the speakers and the people named in the conversation.
 */
final class MeetingText {

  /** One cleaned sentence. */
  record Sentence(
      int index,
      int turn,
      String speaker,
      String text,
      List<String> terms,
      int words,
      boolean question) {}

  private static final Pattern INTRODUCTION =
      Pattern.compile(
          "\\b(?:I'm|I am|my name is|my name's|this is|call me)\\s+([A-Z][a-z]{2,})\\b");

  final List<Turn> turns;
  final List<Sentence> sentences = new ArrayList<>();
  final TfIdf tfidf;
  final Set<String> speakers = new LinkedHashSet<>();
  final Map<String, Integer> wordsBySpeaker = new LinkedHashMap<>();
  final Set<String> namedPeople = new LinkedHashSet<>();
  final int totalWords;

  MeetingText(List<Turn> turns) {
    this.turns = turns;
    int words = 0;
    for (int t = 0; t < turns.size(); t++) {
      Turn turn = turns.get(t);
      String speaker = turn.speaker().strip();
      speakers.add(speaker);
      for (String s : TextCleaner.sentences(turn.text())) {
        int w = TextCleaner.wordCount(s);
        words += w;
        wordsBySpeaker.merge(speaker, w, Integer::sum);
        sentences.add(
            new Sentence(sentences.size(), t, speaker, s, Terms.content(s), w, s.endsWith("?")));
        Matcher m = INTRODUCTION.matcher(s);
        while (m.find()) {
          String name = m.group(1);
          if (!Terms.isStopWord(name) && !NOT_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
            namedPeople.add(name);
          }
        }
      }
    }
    totalWords = words;
    tfidf = new TfIdf(sentences.stream().map(Sentence::terms).toList());
  }

  List<SparseVector> vectors() {
    return tfidf.vectors();
  }

  /** Speakers and named people: the only acceptable action item owners. */
  Set<String> people() {
    Set<String> all = new LinkedHashSet<>(speakers);
    all.addAll(namedPeople);
    return all;
  }

  private static final Set<String> NOT_NAMES =
      Set.of(
          "the",
          "going",
          "sorry",
          "not",
          "just",
          "sure",
          "happy",
          "fine",
          "here",
          "done",
          "glad",
          "working",
          "afraid",
          "good",
          "also",
          "still",
          "really",
          "trying",
          "looking",
          "thinking",
          "project",
          "marketing",
          "industrial",
          "user",
          "manager",
          "designer",
          "interface");
}
