package io.budai.llm.summary;

import io.budai.llm.summary.MeetingText.Sentence;
import io.budai.llm.text.SparseVector;
import io.budai.llm.text.TextRank;
import io.budai.llm.text.TfIdf;
import io.budai.llm.text.TopicSegmenter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The offline engine's summarizer: no network, no model files.
 *
 * <ol>
 *   <li>clean the transcript (markers, fillers, repetitions) and split it into sentences;
 *   <li>segment it into topics (TextTiling over TF-IDF vectors);
 *   <li>score sentences by TextRank and closeness to the meeting's centroid, and pick salient ones
 *       per topic with a redundancy penalty (maximal marginal relevance);
 *   <li>write a third-person overview: what the meeting was about, who led each topic and what was
 *       said, and what was decided;
 *   <li>extract decisions, action items (owner = a real speaker or named person, due date resolved
 *       against the meeting date) and risks with rules.
 * </ol>
 */
public final class OfflineSummarizer {

  private static final Pattern PRESENTATION =
      Pattern.compile("(?i)\\b(presentation|slide|slides|powerpoint|present|presenting)\\b");
  private static final String[] CONNECTORS = {"First", "Then", "Next", "After that", "Finally"};

  /** Tunable sizes of the summary. */
  public record Settings(
      int overviewWords, int maxSegments, int keyPoints, int maxActionItems, double redundancy) {

    /** The defaults used by the service and measured in the benchmark. */
    public static Settings defaults() {
      return new Settings(140, 5, 6, 8, 0.55);
    }
  }

  private final Settings settings;

  public OfflineSummarizer() {
    this(Settings.defaults());
  }

  public OfflineSummarizer(Settings settings) {
    this.settings = settings;
  }

  /** The summary of {@code input}. */
  public Summary summarize(SummaryInput input) {
    MeetingText text = new MeetingText(input.turns());
    if (text.sentences.isEmpty()) {
      return new Summary(
          "The transcript has no content to summarize.",
          List.of(),
          List.of(),
          List.of(),
          List.of());
    }
    double[] salience = salience(text);
    List<int[]> segments = segments(text);
    Commitments commitments = new Commitments(text, input.meetingDate());
    List<String> decisions = commitments.decisions(salience, 5);
    List<ActionItem> actionItems = commitments.actionItems(salience, settings.maxActionItems());
    List<String> risks = commitments.risks(salience, 3);
    List<Integer> picked = pickSalient(text, salience, segments);
    List<String> keyPoints = new ArrayList<>();
    for (int i : picked) {
      if (keyPoints.size() >= settings.keyPoints()) {
        break;
      }
      Sentence s = text.sentences.get(i);
      keyPoints.add(ThirdPerson.report(s.speaker(), s.text()));
    }
    String overview = overview(input, text, salience, segments, decisions);
    return new Summary(overview, keyPoints, decisions, actionItems, risks);
  }

  /** Per-sentence salience in [0, 1]: TextRank and centroid similarity, zero for fragments. */
  static double[] salience(MeetingText text) {
    List<SparseVector> vectors = text.vectors();
    double[] rank = TextRank.scores(vectors);
    SparseVector centroid = TfIdf.centroid(vectors);
    double maxRank = 1e-9;
    double maxCentroid = 1e-9;
    double[] cent = new double[vectors.size()];
    for (int i = 0; i < vectors.size(); i++) {
      cent[i] = vectors.get(i).dot(centroid);
      maxRank = Math.max(maxRank, rank[i]);
      maxCentroid = Math.max(maxCentroid, cent[i]);
    }
    double[] score = new double[vectors.size()];
    for (int i = 0; i < vectors.size(); i++) {
      Sentence s = text.sentences.get(i);
      if (s.words() < 6 || s.terms().size() < 3 || s.words() > 60) {
        continue;
      }
      double length = Math.min(1.0, s.terms().size() / 8.0);
      score[i] = 0.45 * rank[i] / maxRank + 0.45 * cent[i] / maxCentroid + 0.1 * length;
      if (s.question()) {
        score[i] *= 0.5;
      }
    }
    return score;
  }

  private List<int[]> segments(MeetingText text) {
    int n = text.sentences.size();
    int wanted = Math.max(2, Math.min(settings.maxSegments(), 1 + text.totalWords / 1500));
    List<Integer> starts =
        TopicSegmenter.boundaries(
            text.vectors(), Math.max(6, n / 25), wanted, Math.max(8, n / (wanted * 2 + 1)));
    List<int[]> segments = new ArrayList<>();
    for (int k = 0; k < starts.size(); k++) {
      int end = k + 1 < starts.size() ? starts.get(k + 1) : n;
      segments.add(new int[] {starts.get(k), end});
    }
    return segments;
  }

  /** Salient sentences chosen per topic by maximal marginal relevance, in meeting order. */
  private List<Integer> pickSalient(MeetingText text, double[] salience, List<int[]> segments) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < salience.length; i++) {
      if (salience[i] > 0) {
        order.add(i);
      }
    }
    List<Integer> chosen = new ArrayList<>();
    int perSegment = Math.max(1, settings.keyPoints() / Math.max(1, segments.size()));
    for (int[] seg : segments) {
      List<Integer> local = order.stream().filter(i -> i >= seg[0] && i < seg[1]).toList();
      chosen.addAll(mmr(text, salience, local, perSegment, chosen));
    }
    if (chosen.size() < settings.keyPoints()) {
      chosen.addAll(mmr(text, salience, order, settings.keyPoints() - chosen.size(), chosen));
    }
    chosen.sort(Integer::compare);
    return chosen;
  }

  private List<Integer> mmr(
      MeetingText text, double[] salience, List<Integer> pool, int count, List<Integer> already) {
    List<Integer> picked = new ArrayList<>();
    List<Integer> context = new ArrayList<>(already);
    for (int round = 0; round < count; round++) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i : pool) {
        if (context.contains(i)) {
          continue;
        }
        double redundancy = 0;
        for (int j : context) {
          redundancy = Math.max(redundancy, text.vectors().get(i).dot(text.vectors().get(j)));
        }
        double score = salience[i] - settings.redundancy() * redundancy;
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      }
      if (best < 0) {
        break;
      }
      picked.add(best);
      context.add(best);
    }
    return picked;
  }

  private String overview(
      SummaryInput input,
      MeetingText text,
      double[] salience,
      List<int[]> segments,
      List<String> decisions) {
    Map<String, Integer> global = Keyphrases.counts(text.sentences);
    Set<String> used = new HashSet<>();
    List<String> about = Keyphrases.top(text.sentences, text.tfidf, null, 3, used);
    used.addAll(about);
    List<String> parts = new ArrayList<>();
    String title =
        input.title() == null || input.title().isBlank()
            ? ""
            : " \"" + input.title().strip() + "\"";
    if (!about.isEmpty()) {
      parts.add("The meeting" + title + " was about the " + join(about) + ".");
    } else {
      parts.add("The team met" + title + ".");
    }
    int words = wordCount(parts);
    List<String> segmentParts = new ArrayList<>();
    for (int k = 0; k < segments.size(); k++) {
      int[] seg = segments.get(k);
      List<Sentence> sentences = text.sentences.subList(seg[0], seg[1]);
      List<String> phrases = Keyphrases.top(sentences, text.tfidf, global, 2, used);
      used.addAll(phrases);
      String lead = lead(sentences);
      boolean presenting =
          lead != null && sentences.stream().anyMatch(s -> PRESENTATION.matcher(s.text()).find());
      String connector =
          k == 0
              ? CONNECTORS[0]
              : k == segments.size() - 1 ? CONNECTORS[4] : CONNECTORS[Math.min(k, 3)];
      String who = lead == null ? "the team" : lead;
      String verb =
          lead == null
              ? "discussed"
              : presenting ? "presented" : k == 0 ? "introduced" : "talked about";
      StringBuilder sentence = new StringBuilder(connector).append(", ").append(who).append(' ');
      if (phrases.isEmpty()) {
        sentence.append(lead == null ? "discussed the project" : "led the discussion");
      } else {
        sentence.append(verb).append(" the ").append(join(phrases));
      }
      segmentParts.add(sentence.append('.').toString());
      int best = bestSentence(seg, salience, text);
      if (best >= 0) {
        Sentence s = text.sentences.get(best);
        segmentParts.add(ThirdPerson.report(s.speaker(), s.text()));
      }
    }
    // keep the topic sentences; add reported sentences while the budget lasts
    for (String part : segmentParts) {
      boolean topicSentence = part.matches("^(First|Then|Next|After that|Finally), .*");
      int w = part.split("\\s+").length;
      if (topicSentence || words + w <= settings.overviewWords()) {
        parts.add(part);
        words += w;
      }
    }
    for (String decision : decisions) {
      int w = decision.split("\\s+").length;
      if (words + w > settings.overviewWords() + 20) {
        break;
      }
      parts.add(decision);
      words += w;
    }
    return String.join(" ", parts);
  }

  private static int bestSentence(int[] seg, double[] salience, MeetingText text) {
    int best = -1;
    for (int i = seg[0]; i < seg[1]; i++) {
      Sentence s = text.sentences.get(i);
      if (s.question() || s.words() > 35) {
        continue;
      }
      if (best < 0 || salience[i] > salience[best]) {
        best = i;
      }
    }
    return best >= 0 && salience[best] > 0 ? best : -1;
  }

  /** The speaker who said most of a stretch, when one clearly led it; else null. */
  private static String lead(List<Sentence> sentences) {
    Map<String, Integer> words = new LinkedHashMap<>();
    int total = 0;
    for (Sentence s : sentences) {
      words.merge(s.speaker(), s.words(), Integer::sum);
      total += s.words();
    }
    var top = words.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue));
    if (top.isPresent() && top.get().getValue() >= 0.5 * total) {
      return top.get().getKey();
    }
    return null;
  }

  private static String join(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  private static int wordCount(List<String> parts) {
    int n = 0;
    for (String p : parts) {
      n += p.split("\\s+").length;
    }
    return n;
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  static Map<String, Integer> counts() {
    return new HashMap<>();
  }
}
