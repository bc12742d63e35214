package io.budai.llm.bench;

import io.budai.llm.text.Terms;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ROUGE-N and ROUGE-L F1 (Lin, 2004) as Google's {@code rouge-score} computes them with {@code
 * use_stemmer=True}: lower-cased alphanumeric tokens, Porter-stemmed; ROUGE-L over the whole text
 * as one sequence.
 */
public final class Rouge {

  /** Precision, recall and F1 of one metric. */
  public record Score(double precision, double recall, double f1) {
    static Score of(double overlap, double candidate, double reference) {
      double p = candidate == 0 ? 0 : overlap / candidate;
      double r = reference == 0 ? 0 : overlap / reference;
      return new Score(p, r, p + r == 0 ? 0 : 2 * p * r / (p + r));
    }
  }

  private Rouge() {}

  /** ROUGE-N of {@code candidate} against {@code reference}. */
  public static Score rougeN(String candidate, String reference, int n) {
    Map<String, Integer> c = ngrams(Terms.allStemmed(candidate), n);
    Map<String, Integer> r = ngrams(Terms.allStemmed(reference), n);
    int overlap = 0;
    for (Map.Entry<String, Integer> e : c.entrySet()) {
      overlap += Math.min(e.getValue(), r.getOrDefault(e.getKey(), 0));
    }
    return Score.of(overlap, total(c), total(r));
  }

  /** ROUGE-L (longest common subsequence) of {@code candidate} against {@code reference}. */
  public static Score rougeL(String candidate, String reference) {
    List<String> c = Terms.allStemmed(candidate);
    List<String> r = Terms.allStemmed(reference);
    int[][] lcs = new int[c.size() + 1][r.size() + 1];
    for (int i = 1; i <= c.size(); i++) {
      for (int j = 1; j <= r.size(); j++) {
        lcs[i][j] =
            c.get(i - 1).equals(r.get(j - 1))
                ? lcs[i - 1][j - 1] + 1
                : Math.max(lcs[i - 1][j], lcs[i][j - 1]);
      }
    }
    return Score.of(lcs[c.size()][r.size()], c.size(), r.size());
  }

  private static Map<String, Integer> ngrams(List<String> tokens, int n) {
    Map<String, Integer> grams = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      grams.merge(String.join(" ", tokens.subList(i, i + n)), 1, Integer::sum);
    }
    return grams;
  }

  private static int total(Map<String, Integer> grams) {
    return grams.values().stream().mapToInt(Integer::intValue).sum();
  }
}
