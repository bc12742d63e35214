/**
 * The agents' LLM layer: {@link io.budai.llm.Llm} routes an {@link io.budai.llm.LlmTask} to an
 * OpenAI-compatible engine or the offline engine, with map-reduce, caching, fallback and usage
 * accounting. Meeting tasks live in {@code io.budai.llm.summary}, {@code io.budai.llm.answer} and
 * {@code io.budai.llm.followup}; text processing in {@code io.budai.llm.text}.
 */
@NullMarked
package io.budai.llm;

import org.jspecify.annotations.NullMarked;
