package io.budai.llm.answer;

import io.budai.llm.summary.Turn;
import io.budai.llm.text.Terms;
import io.budai.llm.text.TextCleaner;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds the passages of a transcript that answer a question: each segment with the following ones
 * up to about 60 words forms a passage, scored by BM25 over stemmed content terms (k1 = 1.2, b =
 * 0.75), with a boost when the question names the passage's speaker; overlapping passages are not
 * returned twice.
 */
public final class PassageRetriever {

  private static final int PASSAGE_WORDS = 60;
  private static final int MAX_TURNS = 4;

  /** Stems of words that frame a question rather than name its subject. */
  private static final Set<String> QUESTION_NOISE =
      Set.of(
          "summar",
          "summari",
          "discuss",
          "discussion",
          "talk",
          "opinion",
          "mention",
          "group",
          "team",
          "meet",
          "happen",
          "decid",
          "decis",
          "agre",
          "introduc",
          "present",
          "conclus",
          "explain",
          "suggest",
          "propos",
          "reason",
          "whole",
          "tell",
          "consid",
          "view",
          "respons",
          "why",
          "what",
          "how",
          "when",
          "which",
          "who",
          "part",
          "process");

  private PassageRetriever() {}

  /**
   * Re-ranks passages found elsewhere (a full-text search across meetings) by BM25 against {@code
   * question}, cleaning their text; the best {@code k}, best first.
   */
  public static List<Passage> rank(String question, List<Passage> found, int k) {
    List<Turn> turns = new ArrayList<>();
    for (int i = 0; i < found.size(); i++) {
      Passage p = found.get(i);
      // a distinct speaker key per passage keeps them from being merged into one
      turns.add(
          new Turn(String.valueOf(i), i + "\u0000" + p.speaker(), p.text(), p.start(), p.end()));
    }
    List<Passage> ranked = new ArrayList<>();
    for (Passage r : retrieve(question, null, turns, k)) {
      Passage original = found.get(Integer.parseInt(r.id()));
      ranked.add(
          new Passage(
              original.id(),
              original.meetingId(),
              original.speaker(),
              original.start(),
              original.end(),
              TextCleaner.clean(original.text()),
              r.score()));
    }
    return ranked;
  }

  /** The best {@code k} passages of {@code turns} for {@code question}, best first. */
  public static List<Passage> retrieve(
      String question, @Nullable String meetingId, List<Turn> turns, int k) {
    List<String> queryTerms =
        Terms.content(question).stream().filter(t -> !QUESTION_NOISE.contains(t)).toList();
    if (queryTerms.isEmpty() || turns.isEmpty()) {
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    for (Turn t : turns) {
      texts.add(TextCleaner.clean(t.text()));
    }
    List<int[]> spans = new ArrayList<>();
    List<List<String>> docs = new ArrayList<>();
    for (int i = 0; i < turns.size(); i++) {
      if (TextCleaner.wordCount(texts.get(i)) < 3) {
        continue;
      }
      int words = 0;
      int j = i;
      List<String> terms = new ArrayList<>();
      while (j < turns.size() && j < i + MAX_TURNS && words < PASSAGE_WORDS) {
        // the passage belongs to its first speaker; stop at a long turn of someone else
        if (j > i
            && !turns.get(j).speaker().equals(turns.get(i).speaker())
            && TextCleaner.wordCount(texts.get(j)) > 25) {
          break;
        }
        terms.addAll(Terms.content(texts.get(j)));
        words += TextCleaner.wordCount(texts.get(j));
        j++;
      }
      spans.add(new int[] {i, j});
      docs.add(terms);
    }
    if (docs.isEmpty()) {
      return List.of();
    }
    Map<String, Integer> df = new HashMap<>();
    double avgLength = 0;
    for (List<String> d : docs) {
      avgLength += d.size();
      for (String t : new HashSet<>(d)) {
        df.merge(t, 1, Integer::sum);
      }
    }
    avgLength /= docs.size();
    int n = docs.size();
    Set<String> unique = new HashSet<>(queryTerms);
    String q = question.toLowerCase(Locale.ROOT);
    double[] score = new double[n];
    for (int d = 0; d < n; d++) {
      Map<String, Integer> tf = new HashMap<>();
      docs.get(d).forEach(t -> tf.merge(t, 1, Integer::sum));
      double s = 0;
      for (String t : unique) {
        int f = tf.getOrDefault(t, 0);
        if (f == 0) {
          continue;
        }
        double idf = Math.log(1 + (n - df.get(t) + 0.5) / (df.get(t) + 0.5));
        s += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * docs.get(d).size() / avgLength));
      }
      String speaker = turns.get(spans.get(d)[0]).speaker().toLowerCase(Locale.ROOT);
      if (s > 0 && q.contains(speaker)) {
        s *= 1.3;
      }
      score[d] = s;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> score[i]).reversed());
    List<Passage> out = new ArrayList<>();
    List<int[]> taken = new ArrayList<>();
    for (int d : order) {
      if (out.size() >= k || score[d] <= 0) {
        break;
      }
      int[] span = spans.get(d);
      boolean overlaps = taken.stream().anyMatch(t -> span[0] < t[1] && t[0] < span[1]);
      if (overlaps) {
        continue;
      }
      taken.add(span);
      StringBuilder text = new StringBuilder();
      for (int i = span[0]; i < span[1]; i++) {
        if (!texts.get(i).isBlank()) {
          if (i > span[0] && !turns.get(i).speaker().equals(turns.get(span[0]).speaker())) {
            text.append(' ').append(turns.get(i).speaker()).append(": ");
          } else if (!text.isEmpty()) {
            text.append(' ');
          }
          text.append(texts.get(i));
        }
      }
      Turn first = turns.get(span[0]);
      Turn last = turns.get(span[1] - 1);
      out.add(
          new Passage(
              first.id() == null ? String.valueOf(span[0]) : first.id(),
              meetingId,
              first.speaker(),
              first.start(),
              last.end(),
              text.toString().strip(),
              Math.round(score[d] * 1000) / 1000.0));
    }
    return out;
  }
}
