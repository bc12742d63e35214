package io.budai.llm.bench;

import io.budai.llm.summary.Turn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The two reference points of the summary benchmark. */
public final class Baselines {

  private Baselines() {}

  /** The first {@code words} words of the transcript (transcription markers dropped). */
  public static String lead(List<Turn> turns, int words) {
    StringBuilder out = new StringBuilder();
    int n = 0;
    for (Turn t : turns) {
      for (String w : stripMarkers(t.text()).split("\\s+")) {
        if (w.isEmpty()) {
          continue;
        }
        if (n++ >= words) {
          return out.toString();
        }
        out.append(w).append(' ');
      }
    }
    return out.toString().trim();
  }

  /**
   * Plain TextRank (Mihalcea and Tarau, 2004) over the utterances, with its original similarity
   * (shared words over the log lengths), taking the best-ranked utterances until {@code words}
   * words, in meeting order.
   */
  public static String textRank(List<Turn> turns, int words) {
    List<String> utterances = new ArrayList<>();
    List<Set<String>> bags = new ArrayList<>();
    for (Turn t : turns) {
      String u = stripMarkers(t.text()).trim();
      if (u.isEmpty()) {
        continue;
      }
      utterances.add(u);
      bags.add(
          new HashSet<>(
              Arrays.asList(
                  u.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").trim().split("\\s+"))));
    }
    int n = utterances.size();
    double[][] sim = new double[n][n];
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int a = bags.get(i).size();
        int b = bags.get(j).size();
        if (a < 2 || b < 2) {
          continue;
        }
        Set<String> common = new HashSet<>(bags.get(i));
        common.retainAll(bags.get(j));
        double s = common.size() / (Math.log(a) + Math.log(b));
        sim[i][j] = s;
        sim[j][i] = s;
        out[i] += s;
        out[j] += s;
      }
    }
    double[] score = new double[n];
    Arrays.fill(score, 1.0 / n);
    for (int iter = 0; iter < 50; iter++) {
      double[] next = new double[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          if (sim[j][i] > 0) {
            s += sim[j][i] / out[j] * score[j];
          }
        }
        next[i] = 0.15 / n + 0.85 * s;
      }
      score = next;
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    final double[] finalScore = score;
    Arrays.sort(order, (x, y) -> Double.compare(finalScore[y], finalScore[x]));
    List<Integer> chosen = new ArrayList<>();
    int count = 0;
    for (int i : order) {
      if (count >= words) {
        break;
      }
      chosen.add(i);
      count += utterances.get(i).split("\\s+").length;
    }
    chosen.sort(Integer::compare);
    StringBuilder text = new StringBuilder();
    for (int i : chosen) {
      text.append(utterances.get(i)).append(' ');
    }
    return text.toString().trim();
  }

  private static String stripMarkers(String text) {
    return text.replaceAll("\\{[a-z_]+\\}", " ").replaceAll("\\s+", " ");
  }
}
