package io.budai.llm;

import io.budai.contracts.RedisKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.core.JacksonException;

/**
 * LLM answers cached in Redis under {@code budai:llm:cache:{engine}:{model}:{sha256}} (a string of
 * JSON, with a TTL), keyed by the task and the exact rendered prompts, so the same request is paid
 * for once. A Redis failure is a cache miss, never an error.
 */
public final class ResponseCache {

  private static final Logger log = LoggerFactory.getLogger(ResponseCache.class);

  private final StringRedisTemplate redis;
  private final Duration ttl;

  public ResponseCache(StringRedisTemplate redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  /** A cached answer of {@code task} for {@code input} on {@code engine}. */
  public <I, O> Optional<O> get(LlmEngine engine, LlmTask<I, O> task, I input) {
    try {
      String json = redis.opsForValue().get(key(engine, task, input));
      return json == null
          ? Optional.empty()
          : Optional.of(OpenAiEngine.JSON.readValue(json, task.outputType()));
    } catch (RuntimeException e) {
      log.warn("LLM cache read failed ({}); calling the model", e.toString());
      return Optional.empty();
    }
  }

  /** Stores {@code value} as the answer of {@code task} for {@code input} on {@code engine}. */
  public <I, O> void put(LlmEngine engine, LlmTask<I, O> task, I input, O value) {
    try {
      redis
          .opsForValue()
          .set(key(engine, task, input), OpenAiEngine.JSON.writeValueAsString(value), ttl);
    } catch (RuntimeException e) {
      log.warn("LLM cache write failed ({})", e.toString());
    }
  }

  /** The Redis key of {@code task} on {@code input}: a hash of both prompts and the schema. */
  public <I, O> String key(LlmEngine engine, LlmTask<I, O> task, I input) {
    var vars = task.variables().apply(input);
    String material =
        task.name()
            + "\n"
            + task.systemPrompt().render(vars)
            + "\n"
            + task.userPrompt().render(vars)
            + "\n"
            + task.schema();
    return RedisKeys.llmCache(engine.name(), engine.model(), sha256(material));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean isJsonError(Throwable e) {
    return e instanceof JacksonException;
  }
}
