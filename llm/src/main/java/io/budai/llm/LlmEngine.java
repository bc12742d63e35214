package io.budai.llm;

/** One way of running an {@link LlmTask}: an OpenAI-compatible provider or the offline engine. */
public interface LlmEngine {

  /** The engine's name as responses report it ({@code openai}, {@code offline}, …). */
  String name();

  /** The model it runs. */
  String model();

  /** Tokens of input one call can take (prompt included), used to size map-reduce chunks. */
  int inputTokenBudget();

  /** Runs {@code task} on {@code input}: the raw, unvalidated output and the tokens used. */
  <I, O> Output<O> run(LlmTask<I, O> task, I input);

  /** An engine's answer. */
  record Output<O>(O value, TokenUsage usage, String model) {}
}
