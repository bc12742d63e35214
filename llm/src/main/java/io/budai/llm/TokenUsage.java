package io.budai.llm;

/**
 * Tokens one or more LLM calls used.
 *
 * @param promptTokens tokens of the prompts
 * @param completionTokens tokens of the completions
 */
public record TokenUsage(long promptTokens, long completionTokens) {

  /** No tokens (the offline engine, a cache hit). */
  public static final TokenUsage NONE = new TokenUsage(0, 0);

  /** The sum of this and {@code other}. */
  public TokenUsage plus(TokenUsage other) {
    return new TokenUsage(
        promptTokens + other.promptTokens, completionTokens + other.completionTokens);
  }

  /** Prompt and completion tokens together. */
  public long total() {
    return promptTokens + completionTokens;
  }
}
