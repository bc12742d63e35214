package io.budai.llm.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cleans spoken-language transcript text: drops transcription markers ({@code {disfmarker}}, {@code
 * {vocalsound}}, {@code [laughter]}), fillers and hesitations, stutters and immediate repetitions,
 * and the space-before-punctuation style of corpus transcripts, then splits the result into
 * sentences.
 */
public final class TextCleaner {

  private static final Pattern MARKER = Pattern.compile("\\{[A-Za-z_ ]+\\}|\\[[A-Za-z_ ]+\\]");
  private static final Pattern FILLER =
      Pattern.compile(
          "(?i)(?<![\\w'-])(?:u+m+|u+h+m*|u+m-hmm|m+-?h+m+|m+h+m+|h+m+|uh-huh|um-hum|er+m*|e+h+|a+h+|o+h+|"
              + "mm+|mm-mm|hm+|huh|y'know|you know|i mean|kind of|sort of|like,)(?![\\w'-])[ ,]*");
  private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile("\\s+([.,?!;:%])");
  private static final Pattern STUTTER = Pattern.compile("(?i)\\b(\\w+)-\\s+(?=\\1)");
  private static final Pattern REPEATED_WORD = Pattern.compile("(?i)\\b([\\w']+)(?:[ ,]+\\1\\b)+");
  private static final Pattern REPEATED_PAIR =
      Pattern.compile("(?i)\\b([\\w']+ [\\w']+)(?:[ ,]+\\1\\b)+");
  private static final Pattern REPEATED_TRIPLE =
      Pattern.compile("(?i)\\b([\\w']+ [\\w']+ [\\w']+)(?:[ ,]+\\1\\b)+");
  private static final Pattern LEADING_DISCOURSE =
      Pattern.compile(
          "(?i)^(?:(?:okay|ok|so|well|right|yeah|yes|yep|alright|all right|and|but|um|uh|oh|"
              + "anyway|now|then|actually|basically|just|because|cause|like)\\b[ ,.]*)+");
  private static final Pattern MULTI_PUNCT = Pattern.compile("([,.?!])(?:\\s*[,.])+");
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s+");
  private static final java.util.Set<String> SHORT_WORDS =
      java.util.Set.of(
          "a", "i", "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it",
          "me", "my", "no", "of", "oh", "ok", "on", "or", "so", "to", "up", "us", "we", "tv", "ah",
          "eh", "er", "uh", "um", "mm", "hm", "ha", "hi", "yo", "pm", "id", "cd", "dvd");
  private static final Pattern TRAILING_DISCOURSE =
      Pattern.compile(
          "(?i)(?:[,\\s]+(?:sorry|yeah|yes|okay|ok|sure|right|so|and|but|or|um|uh|anyway|or something|"
              + "and stuff|and so on|whatever))+\\s*([.?!]?)$");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern LEADING_PUNCT = Pattern.compile("^[\\s,.;:!?-]+");

  private TextCleaner() {}

  /** The text without markers, fillers and repetitions, with normal punctuation spacing. */
  public static String clean(String text) {
    String s = dropCutOffWords(text);
    s = MARKER.matcher(s).replaceAll(" ");
    s = s.replace('’', '\'').replace("‘", "'");
    s = SPACE_BEFORE_PUNCT.matcher(s).replaceAll("$1");
    s =
        s.replaceAll("(?i)\\bgonna\\b", "going to")
            .replaceAll("(?i)\\bwanna\\b", "want to")
            .replaceAll("(?i)\\bgotta\\b", "got to")
            .replaceAll("(?i)\\bkinda\\b", "kind of")
            .replaceAll("(?i)\\bdunno\\b", "don't know");
    s = FILLER.matcher(s).replaceAll("");
    s = STUTTER.matcher(s).replaceAll("");
    s = REPEATED_TRIPLE.matcher(s).replaceAll("$1");
    s = REPEATED_PAIR.matcher(s).replaceAll("$1");
    s = REPEATED_WORD.matcher(s).replaceAll("$1");
    s = MULTI_PUNCT.matcher(s).replaceAll("$1");
    s = WHITESPACE.matcher(s).replaceAll(" ").trim();
    s = SPACE_BEFORE_PUNCT.matcher(s).replaceAll("$1");
    return s;
  }

  /**
   * Drops the word fragments a speaker broke off ("en enhance", "des design", "t look", "th
   * their"): a lower-case token that starts the next word without being a function word, or a one-
   * or two-letter token that is not an English word.
   */
  static String dropCutOffWords(String text) {
    String[] tokens = MARKER.matcher(text).replaceAll(" ").trim().split("\\s+");
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < tokens.length; i++) {
      String t = tokens[i];
      String next = i + 1 < tokens.length ? tokens[i + 1] : "";
      boolean lowerWord = !t.isEmpty() && t.chars().allMatch(c -> c >= 'a' && c <= 'z');
      boolean fragment =
          lowerWord
              && (t.length() <= 2 && !SHORT_WORDS.contains(t)
                  || t.length() <= 5
                      && next.length() > t.length()
                      && next.toLowerCase(Locale.ROOT).startsWith(t)
                      && !Terms.isStopWord(t));
      if (!fragment) {
        out.append(out.isEmpty() ? "" : " ").append(t);
      }
    }
    return out.toString();
  }

  /** Clean sentences of {@code text}, each trimmed of leading discourse words and capitalised. */
  public static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String raw : SENTENCE_END.split(clean(text))) {
      String s = tidySentence(raw);
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** A sentence without leading discourse words ("okay so um"), capitalised and terminated. */
  public static String tidySentence(String raw) {
    String s = LEADING_PUNCT.matcher(raw.trim()).replaceAll("");
    Matcher m = LEADING_DISCOURSE.matcher(s);
    if (m.find()) {
      s = s.substring(m.end());
    }
    s = LEADING_PUNCT.matcher(s).replaceAll("").trim();
    s = TRAILING_DISCOURSE.matcher(s).replaceAll("$1").trim();
    if (s.isEmpty() || s.chars().noneMatch(Character::isLetterOrDigit)) {
      return "";
    }
    s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
    char last = s.charAt(s.length() - 1);
    if (last == ',' || last == ';' || last == ':' || last == '-') {
      s = s.substring(0, s.length() - 1).trim();
    }
    if (!s.isEmpty() && ".?!".indexOf(s.charAt(s.length() - 1)) < 0) {
      s = s + ".";
    }
    return s;
  }

  /** Number of words in {@code text}. */
  public static int wordCount(String text) {
    String t = text.trim();
    return t.isEmpty() ? 0 : WHITESPACE.split(t).length;
  }

  /** Lower-cased, for comparisons. */
  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
