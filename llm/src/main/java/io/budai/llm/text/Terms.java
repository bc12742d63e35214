package io.budai.llm.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tartarus.snowball.ext.PorterStemmer;

/**
 * Turns text into index terms: lower-cased word tokens, stop words (including spoken-language
 * hedges) removed, Porter-stemmed (Lucene's Snowball stemmer, the stemmer ROUGE uses).
 */
public final class Terms {

  private static final Pattern WORD = Pattern.compile("[a-z0-9]+(?:'[a-z]+)?");
  private static final Pattern ALNUM = Pattern.compile("[a-z0-9]+");
  private static final Set<String> STOP = load("stopwords.txt");
  private static final ConcurrentHashMap<String, String> STEMS = new ConcurrentHashMap<>();

  private Terms() {}

  /** Stemmed content terms of {@code text}, in order, stop words removed. */
  public static List<String> content(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      String w = m.group();
      if (w.length() < 2 || STOP.contains(w) || isNumberWord(w)) {
        continue;
      }
      int apostrophe = w.indexOf('\'');
      if (apostrophe > 0) {
        w = w.substring(0, apostrophe);
        if (STOP.contains(w)) {
          continue;
        }
      }
      out.add(stem(w));
    }
    return out;
  }

  /** All alphanumeric tokens of {@code text}, lower-cased and stemmed (ROUGE tokenisation). */
  public static List<String> allStemmed(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = ALNUM.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      out.add(stem(m.group()));
    }
    return out;
  }

  /** Whether {@code word} (lower case) is a stop word. */
  public static boolean isStopWord(String word) {
    return STOP.contains(word.toLowerCase(Locale.ROOT));
  }

  /** The Porter stem of a lower-case word. */
  public static String stem(String word) {
    if (word.length() <= 3) {
      return word;
    }
    return STEMS.computeIfAbsent(
        word,
        w -> {
          PorterStemmer stemmer = new PorterStemmer();
          stemmer.setCurrent(w);
          stemmer.stem();
          return stemmer.getCurrent();
        });
  }

  private static boolean isNumberWord(String w) {
    return w.chars().allMatch(Character::isDigit) && w.length() < 2;
  }

  static Set<String> load(String resource) {
    try (InputStream in = Terms.class.getResourceAsStream("/io/budai/llm/text/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + resource);
      }
      Set<String> words = new HashSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) {
          words.add(w.toLowerCase(Locale.ROOT));
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
