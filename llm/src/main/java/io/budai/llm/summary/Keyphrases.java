package io.budai.llm.summary;

import io.budai.llm.summary.MeetingText.Sentence;
import io.budai.llm.text.Terms;
import io.budai.llm.text.TfIdf;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Key phrases of a stretch of sentences: runs of up to three content words, scored by frequency,
 * rarity across the meeting and length, with phrases that only restate a better one dropped.
 */
final class Keyphrases {

  private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z'-]*|[^A-Za-z\\s]+");
  private static final Set<String> GENERIC = loadGeneric();

  private record Phrase(String key, List<String> stems) {}

  private Keyphrases() {}

  /**
   * The best {@code max} phrases of {@code sentences}, most salient first; {@code global} counts of
   * the whole meeting make phrases specific to this stretch score higher.
   */
  static List<String> top(
      List<Sentence> sentences,
      TfIdf tfidf,
      Map<String, Integer> global,
      int max,
      Set<String> exclude) {
    Map<String, Integer> counts = counts(sentences);
    Map<String, Map<String, Integer>> surfaces = surfaces(sentences);
    List<Map.Entry<String, Double>> scored = new ArrayList<>();
    counts.forEach(
        (key, count) -> {
          if (count < 2) {
            return;
          }
          String[] stems = key.split(" ");
          double idf = 0;
          for (String s : stems) {
            idf += tfidf.idf(s);
          }
          idf /= stems.length;
          double specificity =
              global == null ? 1.0 : (double) count / global.getOrDefault(key, count);
          double score = count * idf * (1 + 0.6 * (stems.length - 1)) * Math.sqrt(specificity);
          scored.add(Map.entry(key, score));
        });
    scored.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
    List<String> chosen = new ArrayList<>();
    List<Set<String>> chosenStems = new ArrayList<>();
    for (Map.Entry<String, Double> e : scored) {
      if (chosen.size() >= max) {
        break;
      }
      Set<String> stems = Set.of(e.getKey().split(" "));
      boolean overlaps = false;
      for (Set<String> c : chosenStems) {
        if (c.containsAll(stems) || stems.containsAll(c)) {
          overlaps = true;
          break;
        }
      }
      String surface = best(surfaces.get(e.getKey()));
      for (String ex : exclude) {
        Set<String> exStems = new HashSet<>();
        for (String w : ex.split(" ")) {
          exStems.add(Terms.stem(w));
        }
        if (exStems.containsAll(stems) || stems.containsAll(exStems)) {
          overlaps = true;
        }
      }
      if (overlaps) {
        continue;
      }
      chosen.add(surface);
      chosenStems.add(stems);
    }
    return chosen;
  }

  /** Stem-key → count of every candidate phrase in {@code sentences}. */
  static Map<String, Integer> counts(List<Sentence> sentences) {
    Map<String, Integer> counts = new HashMap<>();
    for (Sentence s : sentences) {
      Set<String> inSentence = new HashSet<>();
      for (List<String[]> run : runs(s.text())) {
        for (int n = 1; n <= 3; n++) {
          for (int i = 0; i + n <= run.size(); i++) {
            inSentence.add(key(run.subList(i, i + n)));
          }
        }
      }
      inSentence.forEach(k -> counts.merge(k, 1, Integer::sum));
    }
    return counts;
  }

  private static Map<String, Map<String, Integer>> surfaces(List<Sentence> sentences) {
    Map<String, Map<String, Integer>> surfaces = new HashMap<>();
    for (Sentence s : sentences) {
      for (List<String[]> run : runs(s.text())) {
        for (int n = 1; n <= 3; n++) {
          for (int i = 0; i + n <= run.size(); i++) {
            List<String[]> sub = run.subList(i, i + n);
            StringBuilder surface = new StringBuilder();
            for (String[] w : sub) {
              surface.append(surface.isEmpty() ? "" : " ").append(w[0]);
            }
            surfaces
                .computeIfAbsent(key(sub), k -> new HashMap<>())
                .merge(surface.toString(), 1, Integer::sum);
          }
        }
      }
    }
    return surfaces;
  }

  private static String best(Map<String, Integer> forms) {
    return forms.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElseThrow();
  }

  private static String key(List<String[]> words) {
    StringBuilder key = new StringBuilder();
    for (String[] w : words) {
      key.append(key.isEmpty() ? "" : " ").append(w[1]);
    }
    return key.toString();
  }

  /** Runs of consecutive content words: each word as {surface (lower case), stem}. */
  private static List<List<String[]>> runs(String text) {
    List<List<String[]>> runs = new ArrayList<>();
    List<String[]> run = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String w = m.group();
      String lower = w.toLowerCase(Locale.ROOT);
      boolean content =
          Character.isLetter(w.charAt(0))
              && lower.length() > 2
              && !lower.contains("'")
              && !Terms.isStopWord(lower)
              && !GENERIC.contains(lower);
      if (content) {
        run.add(new String[] {lower, Terms.stem(lower)});
      } else if (!run.isEmpty()) {
        runs.add(run);
        run = new ArrayList<>();
      }
    }
    if (!run.isEmpty()) {
      runs.add(run);
    }
    return runs;
  }

  private static Set<String> loadGeneric() {
    try (InputStream in =
        Keyphrases.class.getResourceAsStream("/io/budai/llm/text/generic-words.txt")) {
      Set<String> words = new HashSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) {
          words.add(w);
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
