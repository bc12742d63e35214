package io.budai.llm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the LLM layer, under {@code budai.llm.*}.
 *
 * @param engine the default engine when a request names none: {@code auto}, {@code llm}, {@code
 *     offline} ({@code LLM_ENGINE})
 * @param openai the primary OpenAI-compatible provider ({@code OPENAI_*})
 * @param fallbackProviders further providers tried in order when the primary fails
 * @param cache the Redis response cache
 */
@ConfigurationProperties("budai.llm")
public record LlmProperties(
    @DefaultValue("auto") String engine,
    @DefaultValue Provider openai,
    @DefaultValue List<Provider> fallbackProviders,
    @DefaultValue Cache cache) {

  /**
   * One OpenAI-compatible provider; it counts as configured when it has a key or a base URL.
   *
   * @param name name the responses report as their engine
   * @param baseUrl API base URL (OpenAI {@code https://api.openai.com/v1}, Ollama {@code
   *     http://localhost:11434/v1}, …); empty means OpenAI's
   * @param apiKey API key (local servers need none)
   * @param model model name
   * @param timeout time limit of one request
   * @param maxRetries retries of a failed request (429 honouring {@code retry-after}, 5xx,
   *     connection errors)
   * @param contextWindow the model's context window in tokens; 0 picks it from the model name
   * @param temperature sampling temperature
   */
  public record Provider(
      @DefaultValue("openai") String name,
      @Nullable String baseUrl,
      @Nullable String apiKey,
      @DefaultValue("gpt-4o-mini") String model,
      @DefaultValue("60s") Duration timeout,
      @DefaultValue("2") int maxRetries,
      @DefaultValue("0") int contextWindow,
      @DefaultValue("0.2") double temperature) {

    /** Whether the provider has a key or a URL. */
    public boolean configured() {
      return apiKey != null && !apiKey.isBlank() || baseUrl != null && !baseUrl.isBlank();
    }

    /** The base URL, OpenAI's when none is set. */
    public String effectiveBaseUrl() {
      return baseUrl == null || baseUrl.isBlank() ? "https://api.openai.com/v1" : baseUrl;
    }

    /** The configured window, else a known window for the model's family, else 8192. */
    public int effectiveContextWindow() {
      if (contextWindow > 0) {
        return contextWindow;
      }
      String m = model.toLowerCase(Locale.ROOT);
      if (m.startsWith("gpt-4.1")) {
        return 1_000_000;
      }
      if (m.startsWith("gpt-5")) {
        return 400_000;
      }
      if (m.startsWith("gpt-4o")
          || m.startsWith("o1")
          || m.startsWith("o3")
          || m.startsWith("o4")
          || m.startsWith("gpt-4-turbo")) {
        return 128_000;
      }
      if (m.startsWith("gpt-3.5")) {
        return 16_385;
      }
      if (m.contains("llama3.1")
          || m.contains("llama-3.1")
          || m.contains("qwen2.5")
          || m.contains("mistral-nemo")) {
        return 128_000;
      }
      return 8192;
    }
  }

  /**
   * @param enabled whether LLM answers are cached in Redis
   * @param ttl how long a cached answer is kept
   */
  public record Cache(@DefaultValue("true") boolean enabled, @DefaultValue("7d") Duration ttl) {}

  /** The configured providers in fallback order (the primary first). */
  public List<Provider> providers() {
    List<Provider> all = new ArrayList<>();
    if (openai.configured()) {
      all.add(openai);
    }
    fallbackProviders.stream().filter(Provider::configured).forEach(all::add);
    return all;
  }
}
