package io.budai.slack.command;

import java.util.Locale;

/** A parsed {@code /loop} invocation: the subcommand and what follows it. */
sealed interface LoopCommand {

  /** {@code start [meeting URL or name]}. */
  record Start(String target) implements LoopCommand {}

  /** {@code stop}. */
  record Stop() implements LoopCommand {}

  /** {@code status}. */
  record Status() implements LoopCommand {}

  /** {@code summary [meeting id]}. */
  record Summary(String meeting) implements LoopCommand {}

  /** {@code search <words>}. */
  record Search(String words) implements LoopCommand {}

  /** {@code ask <question>}. */
  record Ask(String question) implements LoopCommand {}

  /** {@code link <api key>}. */
  record Link(String apiKey) implements LoopCommand {}

  /** {@code help}, or nothing at all. */
  record Help() implements LoopCommand {}

  /** A subcommand we do not know. */
  record Unknown(String word) implements LoopCommand {}

  /** Parses the text after {@code /loop}. */
  static LoopCommand parse(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.isEmpty()) {
      return new Help();
    }
    String[] parts = trimmed.split("\\s+", 2);
    String word = parts[0].toLowerCase(Locale.ROOT);
    String rest = parts.length > 1 ? parts[1].strip() : "";
    return switch (word) {
      case "start", "join", "record" -> new Start(rest);
      case "stop", "end", "leave" -> new Stop();
      case "status" -> new Status();
      case "summary", "summarize" -> new Summary(rest);
      case "search", "find" -> new Search(rest);
      case "ask" -> new Ask(rest);
      case "link", "login" -> new Link(rest);
      case "help", "?" -> new Help();
      default -> new Unknown(parts[0]);
    };
  }

  /** The text to publish in {@code slack.command}: never an API key. */
  static String publishable(LoopCommand command, String text) {
    return command instanceof Link ? "link [redacted]" : text == null ? "" : text.strip();
  }
}
