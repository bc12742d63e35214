package io.budai.llm.text;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TF-IDF over a small collection (the sentences of one meeting): sub-linear term frequency,
 * smoothed inverse document frequency, L2-normalised vectors.
 */
public final class TfIdf {

  private final Map<String, Integer> ids = new HashMap<>();
  private final double[] idf;
  private final List<SparseVector> vectors;

  /** Builds the model and the vector of every document ({@code docs} are term lists). */
  public TfIdf(List<List<String>> docs) {
    Map<String, Integer> df = new HashMap<>();
    for (List<String> doc : docs) {
      Set<String> seen = new HashSet<>(doc);
      for (String t : seen) {
        df.merge(t, 1, Integer::sum);
        ids.computeIfAbsent(t, k -> ids.size());
      }
    }
    idf = new double[ids.size()];
    int n = docs.size();
    df.forEach((t, f) -> idf[ids.get(t)] = Math.log((1.0 + n) / (1.0 + f)) + 1.0);
    vectors = docs.stream().map(this::vector).toList();
  }

  /** The vector of document {@code i}. */
  public SparseVector vector(int i) {
    return vectors.get(i);
  }

  /** All document vectors, in order. */
  public List<SparseVector> vectors() {
    return vectors;
  }

  /** The vector of an arbitrary term list; unknown terms are ignored. */
  public SparseVector vector(List<String> terms) {
    Map<Integer, Integer> tf = new HashMap<>();
    for (String t : terms) {
      Integer id = ids.get(t);
      if (id != null) {
        tf.merge(id, 1, Integer::sum);
      }
    }
    Map<Integer, Double> w = new HashMap<>();
    tf.forEach((id, f) -> w.put(id, (1 + Math.log(f)) * idf[id]));
    return SparseVector.of(w);
  }

  /** Inverse document frequency of {@code term}, or the maximum for an unseen term. */
  public double idf(String term) {
    Integer id = ids.get(term);
    return id == null ? Math.log(1.0 + vectors.size()) + 1.0 : idf[id];
  }

  /** The normalised centroid of the given document vectors. */
  public static SparseVector centroid(List<SparseVector> vectors) {
    Map<Integer, Double> sum = new HashMap<>();
    for (SparseVector v : vectors) {
      for (int k = 0; k < v.ids().length; k++) {
        sum.merge(v.ids()[k], v.weights()[k], Double::sum);
      }
    }
    return SparseVector.of(sum);
  }
}
