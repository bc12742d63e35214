package io.budai.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt kept in a resource file ({@code /io/budai/llm/prompts/<name>.md}) with {@code
 * {{placeholders}}} that a task fills from its typed input. A placeholder without a value is an
 * error, so a renamed input field cannot silently empty a prompt.
 */
public final class PromptTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

  private final String name;
  private final String text;

  private PromptTemplate(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** The template {@code /io/budai/llm/prompts/<name>.md}. */
  public static PromptTemplate load(String name) {
    return new PromptTemplate(name, resource("/io/budai/llm/prompts/" + name + ".md"));
  }

  /** The template's name. */
  public String name() {
    return name;
  }

  /** The text with every placeholder replaced by its value. */
  public String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "Prompt " + name + " needs a value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString().strip();
  }

  static String resource(String path) {
    try (InputStream in = PromptTemplate.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
