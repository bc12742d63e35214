package io.budai.llm.text;

import java.util.Arrays;
import java.util.List;

/**
 * TextRank (Mihalcea and Tarau, 2004): PageRank over the graph of sentences weighted by cosine
 * similarity.
 */
public final class TextRank {

  private TextRank() {}

  /** The TextRank score of each vector (damping 0.85, until converged or 50 iterations). */
  public static double[] scores(List<SparseVector> vectors) {
    int n = vectors.size();
    double[][] sim = new double[n][n];
    double[] outSum = new double[n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = vectors.get(i).dot(vectors.get(j));
        if (s > 0.01) {
          sim[i][j] = s;
          sim[j][i] = s;
          outSum[i] += s;
          outSum[j] += s;
        }
      }
    }
    double[] score = new double[n];
    Arrays.fill(score, 1.0 / Math.max(1, n));
    double d = 0.85;
    for (int iter = 0; iter < 50; iter++) {
      double[] next = new double[n];
      double delta = 0;
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          if (sim[j][i] > 0 && outSum[j] > 0) {
            s += sim[j][i] / outSum[j] * score[j];
          }
        }
        next[i] = (1 - d) / n + d * s;
        delta += Math.abs(next[i] - score[i]);
      }
      score = next;
      if (delta < 1e-6) {
        break;
      }
    }
    return score;
  }
}
