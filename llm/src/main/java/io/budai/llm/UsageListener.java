package io.budai.llm;

/** Told about every LLM call that used tokens (not cache hits, not the offline engine). */
@FunctionalInterface
public interface UsageListener {

  /** {@code usage} tokens of {@code model} on {@code engine} were spent for {@code context}. */
  void recorded(CallContext context, String engine, String model, TokenUsage usage);
}
