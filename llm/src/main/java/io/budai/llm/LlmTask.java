package io.budai.llm;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One kind of work the agents ask of the LLM layer: typed input {@code I}, typed output {@code O}.
 *
 * <p>For an LLM engine the task is a system and a user prompt (resource files {@code
 * prompts/<name>.system.md} and {@code prompts/<name>.user.md}, filled from {@link #variables}) and
 * a strict JSON schema ({@code schemas/<name>.json}) the answer must follow; the answer is parsed
 * into {@link #outputType} (snake_case JSON) and passed through {@link #validate}. For the offline
 * engine it is the {@link #offline} function.
 *
 * @param name stable name: resource names, cache keys and metric tags derive from it
 * @param outputType the record the JSON answer is parsed into
 * @param variables the prompt values of an input
 * @param offline the offline engine's implementation
 * @param validate checks and repairs an LLM answer against its input; throws {@link LlmException}
 *     when it is unusable
 * @param maxOutputTokens completion limit of one call
 * @param mapReduce how to split an input too long for the model's window, or null
 */
public record LlmTask<I, O>(
    String name,
    Class<O> outputType,
    Function<I, Map<String, String>> variables,
    Function<I, O> offline,
    BiFunction<I, O, O> validate,
    int maxOutputTokens,
    @Nullable MapReduce<I, O> mapReduce) {

  /** The system prompt. */
  public PromptTemplate systemPrompt() {
    return PromptTemplate.load(name + ".system");
  }

  /** The user prompt. */
  public PromptTemplate userPrompt() {
    return PromptTemplate.load(name + ".user");
  }

  /** The JSON schema of the answer, as JSON text. */
  public String schema() {
    return PromptTemplate.resource("/io/budai/llm/schemas/" + name + ".json");
  }

  /**
   * How a long input is summarized map-reduce style: {@link #split} cuts it into parts that fit a
   * token budget, each part runs through the task itself, and {@link #reduce} merges the partial
   * outputs (with the original input for context) into one.
   */
  public record MapReduce<I, O>(
      BiFunction<I, Integer, List<I>> split, LlmTask<Partials<I, O>, O> reduce) {}

  /** The input of a reduce step. */
  public record Partials<I, O>(I input, List<O> partials) {}
}
