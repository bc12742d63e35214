package io.budai.llm.summary;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a first-person spoken sentence as reported speech about its speaker: "I think we should
 * use rubber" said by Marketing becomes "Marketing suggested that they should use rubber". The
 * speaker is referred to as singular "they", which keeps the verb forms of the original sentence
 * grammatical.
 */
final class ThirdPerson {

  private record Rule(Pattern pattern, String verb, String lead) {}

  private static final List<Rule> RULES =
      List.of(
          rule("^(?:i (?:don't|do not) think|i'm not sure)(?: that)?,?\\s+", "doubted that", ""),
          rule(
              "^(?:i think|i guess|i believe|i feel|i reckon|i suppose|in my opinion|my idea is|"
                  + "i would say|i'd say|my suggestion is|i suggest)(?: that)?,?\\s+",
              "suggested that",
              ""),
          rule("^(?:maybe|perhaps)(?: that)?,?\\s+", "suggested that", "perhaps "),
          rule("^(?:let's|let us)\\s+", "suggested that", "the team should "),
          rule(
              "^we (?:should|could|might|need to|have to|must|ought to)\\s+",
              "suggested that",
              "the team should "),
          rule("^(?:i'll|i will|i'm going to|i am going to)\\s+", "said that", "they would "),
          rule(
              "^we (?:decided|agreed|have decided|have agreed|'ve decided)(?: that| to| on)?\\s+",
              "reported that",
              "the team agreed on "),
          rule("^i (?:found|found out|noticed|discovered)(?: that)?\\s+", "found that", ""),
          rule("^(?:i want to|i'd like to|i would like to)\\s+", "wanted to", ""),
          rule("^(?:we want|we'd like|we would like)\\s+", "said that", "the team wanted "));

  private static final List<String[]> PRONOUNS =
      List.of(
          new String[] {"\\bwe're\\b", "they're"},
          new String[] {"\\bwe've\\b", "they've"},
          new String[] {"\\bwe'll\\b", "they'll"},
          new String[] {"\\bwe'd\\b", "they'd"},
          new String[] {"\\bwe\\b", "they"},
          new String[] {"\\bours\\b", "theirs"},
          new String[] {"\\bour\\b", "their"},
          new String[] {"\\bourselves\\b", "themselves"},
          new String[] {"\\bus\\b", "them"},
          new String[] {"\\blet's\\b", "they should"},
          new String[] {"\\bi'm\\b", "they're"},
          new String[] {"\\bi've\\b", "they've"},
          new String[] {"\\bi'll\\b", "they'll"},
          new String[] {"\\bi'd\\b", "they'd"},
          new String[] {"\\bi am\\b", "they are"},
          new String[] {"\\bi was\\b", "they were"},
          new String[] {"\\bi\\b", "they"},
          new String[] {"\\bmy\\b", "their"},
          new String[] {"\\bmine\\b", "theirs"},
          new String[] {"\\bmyself\\b", "themselves"},
          new String[] {"\\bme\\b", "them"});

  private static final Pattern QUESTION_WORD =
      Pattern.compile(
          "(?i)^(?:what|how|why|when|where|who|which|is|are|do|does|did|can|could|should|would|will)\\b");

  private ThirdPerson() {}

  private static Rule rule(String regex, String verb, String lead) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), verb, lead);
  }

  /** {@code sentence} (cleaned, said by {@code speaker}) as reported speech. */
  static String report(String speaker, String sentence) {
    String body = stripEnd(sentence);
    if (sentence.endsWith("?")) {
      String q = pronouns(lowerFirst(body));
      return speaker + " asked " + (QUESTION_WORD.matcher(q).find() ? "" : "about ") + q + ".";
    }
    for (Rule rule : RULES) {
      Matcher m = rule.pattern().matcher(body);
      if (m.find()) {
        String rest = pronouns(lowerFirst(body.substring(m.end())));
        return capitalise(speaker) + " " + rule.verb() + " " + rule.lead() + rest + ".";
      }
    }
    return capitalise(speaker) + " mentioned that " + pronouns(lowerFirst(body)) + ".";
  }

  /** First- and second-person-plural pronouns turned into third person. */
  static String pronouns(String text) {
    String s = text;
    for (String[] p : PRONOUNS) {
      s = Pattern.compile(p[0], Pattern.CASE_INSENSITIVE).matcher(s).replaceAll(p[1]);
    }
    return s;
  }

  private static String stripEnd(String s) {
    String t = s.trim();
    while (!t.isEmpty() && ".?!".indexOf(t.charAt(t.length() - 1)) >= 0) {
      t = t.substring(0, t.length() - 1).trim();
    }
    return t;
  }

  private static String lowerFirst(String s) {
    if (s.isEmpty()) {
      return s;
    }
    // keep "I", acronyms and names (a capital followed by another capital or a proper noun) as-is
    if (s.length() > 1 && Character.isUpperCase(s.charAt(1))) {
      return s;
    }
    String firstWord = s.split("\\s", 2)[0];
    if (firstWord.equals("I") || firstWord.startsWith("I'")) {
      return s;
    }
    return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }

  static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
