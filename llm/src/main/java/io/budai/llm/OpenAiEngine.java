package io.budai.llm;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.errors.OpenAIException;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible chat-completions provider (OpenAI, Azure OpenAI, Ollama, vLLM, LM Studio)
 * through the official {@code openai-java} SDK: the task's prompts, a strict JSON-schema response
 * format, the SDK's retries (which honour {@code retry-after} on 429) and a time limit.
 *
 * <p>Only the answer's text and token counts leave the SDK: its model objects are Jackson 2 types
 * and are never handed to Boot's Jackson 3.
 */
public final class OpenAiEngine implements LlmEngine {

  static final JsonMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final String name;
  private final String model;
  private final int contextWindow;
  private final double temperature;
  private final OpenAIClient client;

  /**
   * @param name the provider's name as responses report it
   * @param baseUrl the API base, e.g. {@code https://api.openai.com/v1} or {@code
   *     http://localhost:11434/v1}
   * @param apiKey the key (local servers accept any non-empty value)
   * @param model the model
   * @param timeout time limit of one request
   * @param maxRetries retries of a failed request (429, 5xx, connection errors)
   * @param contextWindow the model's context window in tokens
   * @param temperature sampling temperature
   */
  public OpenAiEngine(
      String name,
      String baseUrl,
      String apiKey,
      String model,
      Duration timeout,
      int maxRetries,
      int contextWindow,
      double temperature) {
    this.name = name;
    this.model = model;
    this.contextWindow = contextWindow;
    this.temperature = temperature;
    this.client =
        OpenAIOkHttpClient.builder()
            .baseUrl(baseUrl)
            .apiKey(apiKey.isBlank() ? "none" : apiKey)
            .timeout(timeout)
            .maxRetries(maxRetries)
            .build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public int inputTokenBudget() {
    return Math.max(1024, (int) (contextWindow * 0.75) - 2048);
  }

  @Override
  public <I, O> Output<O> run(LlmTask<I, O> task, I input) {
    Map<String, String> vars = task.variables().apply(input);
    ChatCompletionCreateParams params =
        ChatCompletionCreateParams.builder()
            .model(model)
            .addSystemMessage(task.systemPrompt().render(vars))
            .addUserMessage(task.userPrompt().render(vars))
            .responseFormat(responseFormat(task))
            .maxCompletionTokens(task.maxOutputTokens())
            .temperature(temperature)
            .build();
    ChatCompletion completion;
    try {
      completion = client.chat().completions().create(params);
    } catch (OpenAIException e) {
      throw new LlmException(name + " call failed: " + e.getMessage(), e);
    }
    if (completion.choices().isEmpty()) {
      throw new LlmException(name + " returned no choices");
    }
    var message = completion.choices().get(0).message();
    if (message.refusal().isPresent()) {
      throw new LlmException(name + " refused: " + message.refusal().get());
    }
    String content =
        message.content().orElseThrow(() -> new LlmException(name + " returned no content"));
    TokenUsage usage =
        completion
            .usage()
            .map(u -> new TokenUsage(u.promptTokens(), u.completionTokens()))
            .orElse(TokenUsage.NONE);
    O value;
    try {
      value = JSON.readValue(content, task.outputType());
    } catch (JacksonException e) {
      throw new LlmException(name + " answered JSON that does not fit " + task.name(), e);
    }
    if (value == null) {
      throw new LlmException(name + " answered null");
    }
    return new Output<>(value, usage, completion.model().isBlank() ? model : completion.model());
  }

  private static ResponseFormatJsonSchema responseFormat(LlmTask<?, ?> task) {
    Map<String, Object> schema = readSchema(task.schema());
    Map<String, JsonValue> properties = new LinkedHashMap<>();
    schema.forEach((k, v) -> properties.put(k, JsonValue.from(v)));
    return ResponseFormatJsonSchema.builder()
        .jsonSchema(
            ResponseFormatJsonSchema.JsonSchema.builder()
                .name(task.name())
                .strict(true)
                .schema(
                    ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                        .putAllAdditionalProperties(properties)
                        .build())
                .build())
        .build();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> readSchema(String json) {
    return JsonMapper.builder().build().readValue(json, Map.class);
  }
}
