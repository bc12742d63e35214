package io.budai.contracts.dto;

/**
 * Tokens one LLM call (or a chain of them) consumed.
 *
 * @param promptTokens tokens sent to the model
 * @param completionTokens tokens the model produced
 */
public record TokenUsage(long promptTokens, long completionTokens) {

  /** No tokens (the offline engine). */
  public static final TokenUsage NONE = new TokenUsage(0, 0);
}
