package io.budai.deploy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code .env} file: {@code KEY=value} lines, optionally prefixed by {@code export}, with
 * {@code #} comments, blank lines, single quotes (literal) and double quotes ({@code \n}, {@code
 * \"}, {@code \\} escapes). Values are never interpolated: {@code $HOME} stays as written, as
 * docker compose's {@code --env-file} would not expand it either in a quoted value.
 *
 * @param values the variables, in file order
 * @param problems one message per line that could not be read (line number first)
 */
public record DotEnv(Map<String, String> values, List<String> problems) {

  private static final Pattern LINE =
      Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*$");

  /** An empty file: what a missing {@code .env} means. */
  public static DotEnv empty() {
    return new DotEnv(Map.of(), List.of());
  }

  /** Reads the file, or returns {@link #empty()} when there is none. */
  public static DotEnv read(Path file) {
    if (!Files.isRegularFile(file)) {
      return empty();
    }
    try {
      return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /** Parses the lines of a {@code .env} file. */
  public static DotEnv parse(List<String> lines) {
    Map<String, String> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      Matcher matcher = LINE.matcher(line);
      if (!matcher.matches()) {
        problems.add("line " + (i + 1) + ": expected KEY=value, got '" + trimmed + "'");
        continue;
      }
      try {
        values.put(matcher.group(1), value(matcher.group(2)));
      } catch (IllegalArgumentException e) {
        problems.add("line " + (i + 1) + ": " + e.getMessage());
      }
    }
    return new DotEnv(Map.copyOf(values), List.copyOf(problems));
  }

  private static String value(String raw) {
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      if (end < 0) {
        throw new IllegalArgumentException("unterminated single quote");
      }
      requireOnlyComment(raw.substring(end + 1));
      return raw.substring(1, end);
    }
    if (raw.startsWith("\"")) {
      StringBuilder value = new StringBuilder();
      for (int i = 1; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '"') {
          requireOnlyComment(raw.substring(i + 1));
          return value.toString();
        }
        if (c == '\\' && i + 1 < raw.length()) {
          char next = raw.charAt(++i);
          value.append(
              switch (next) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                default -> next;
              });
        } else {
          value.append(c);
        }
      }
      throw new IllegalArgumentException("unterminated double quote");
    }
    // Unquoted: a " #" starts a comment, as in shells and docker compose.
    int comment = raw.indexOf(" #");
    return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
  }

  private static void requireOnlyComment(String rest) {
    String trimmed = rest.strip();
    if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
      throw new IllegalArgumentException(
          "unexpected text after the closing quote: '" + trimmed + "'");
    }
  }
}
