package io.budai.llm.text;

import java.util.Arrays;
import java.util.Map;

/** An L2-normalised sparse vector over term ids, sorted by id. */
public record SparseVector(int[] ids, double[] weights) {

  /** The empty vector. */
  public static final SparseVector EMPTY = new SparseVector(new int[0], new double[0]);

  /** A normalised vector of {@code weights} (term id → weight). */
  public static SparseVector of(Map<Integer, Double> weights) {
    int[] ids = weights.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    double[] w = new double[ids.length];
    double norm = 0;
    for (int i = 0; i < ids.length; i++) {
      w[i] = weights.get(ids[i]);
      norm += w[i] * w[i];
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < w.length; i++) {
        w[i] /= norm;
      }
    }
    return new SparseVector(ids, w);
  }

  /** Cosine similarity (both vectors are normalised). */
  public double dot(SparseVector other) {
    int i = 0;
    int j = 0;
    double sum = 0;
    while (i < ids.length && j < other.ids.length) {
      if (ids[i] == other.ids[j]) {
        sum += weights[i++] * other.weights[j++];
      } else if (ids[i] < other.ids[j]) {
        i++;
      } else {
        j++;
      }
    }
    return sum;
  }

  /** Whether the vector has no terms. */
  public boolean isEmpty() {
    return ids.length == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SparseVector v
        && Arrays.equals(ids, v.ids)
        && Arrays.equals(weights, v.weights);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids) * 31 + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return "SparseVector" + Arrays.toString(ids);
  }
}
