package io.budai.llm;

/**
 * What the LLM layer produced and how.
 *
 * @param value the typed, validated output
 * @param engine the engine that produced it: {@code openai} (or the provider's configured name) or
 *     {@code offline}
 * @param model the model, or {@code offline-extractive} for the offline engine
 * @param usage tokens used (zero for the offline engine and for cache hits)
 * @param cached whether the value came from the response cache
 * @param fellBack whether the LLM failed and a later provider or the offline engine answered
 */
public record LlmResult<O>(
    O value, String engine, String model, TokenUsage usage, boolean cached, boolean fellBack) {}
