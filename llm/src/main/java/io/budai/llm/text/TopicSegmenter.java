package io.budai.llm.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sequence of sentences into topics with TextTiling (Hearst, 1997): the lexical similarity
 * of the blocks before and after each gap, and boundaries at the deepest valleys.
 */
public final class TopicSegmenter {

  private TopicSegmenter() {}

  /**
   * Start indexes of the topic segments of {@code vectors} (the first is always 0).
   *
   * @param block sentences on each side of a gap
   * @param maxSegments upper bound on the number of segments
   * @param minSize smallest number of sentences in a segment
   */
  public static List<Integer> boundaries(
      List<SparseVector> vectors, int block, int maxSegments, int minSize) {
    int n = vectors.size();
    List<Integer> starts = new ArrayList<>(List.of(0));
    if (n < 2 * minSize || maxSegments < 2) {
      return starts;
    }
    double[] gap = new double[n];
    for (int i = 1; i < n; i++) {
      SparseVector before = TfIdf.centroid(vectors.subList(Math.max(0, i - block), i));
      SparseVector after = TfIdf.centroid(vectors.subList(i, Math.min(n, i + block)));
      gap[i] = before.dot(after);
    }
    double[] smooth = new double[n];
    for (int i = 1; i < n; i++) {
      double s = 0;
      int c = 0;
      for (int k = Math.max(1, i - 1); k <= Math.min(n - 1, i + 1); k++) {
        s += gap[k];
        c++;
      }
      smooth[i] = s / c;
    }
    double[] depth = new double[n];
    for (int i = 1; i < n; i++) {
      double left = smooth[i];
      for (int k = i - 1; k >= 1 && smooth[k] >= left; k--) {
        left = smooth[k];
      }
      double right = smooth[i];
      for (int k = i + 1; k < n && smooth[k] >= right; k++) {
        right = smooth[k];
      }
      depth[i] = (left - smooth[i]) + (right - smooth[i]);
    }
    List<Integer> candidates = new ArrayList<>();
    for (int i = minSize; i <= n - minSize; i++) {
      candidates.add(i);
    }
    candidates.sort((a, b) -> Double.compare(depth[b], depth[a]));
    List<Integer> chosen = new ArrayList<>();
    for (int c : candidates) {
      if (chosen.size() >= maxSegments - 1 || depth[c] <= 0) {
        break;
      }
      boolean farEnough = true;
      for (int b : chosen) {
        if (Math.abs(b - c) < minSize) {
          farEnough = false;
          break;
        }
      }
      if (farEnough) {
        chosen.add(c);
      }
    }
    chosen.sort(Integer::compare);
    starts.addAll(chosen);
    return starts;
  }
}
