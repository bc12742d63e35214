package io.budai.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' one entry to language models (the seed's "LLM orchestrator"): routes a task to the
 * configured providers in their fallback order and then to the offline engine, answers from the
 * response cache when it can, splits inputs too long for a model's window map-reduce style,
 * validates every answer, and records tokens, latency and model per call.
 *
 * <pre>{@code
 * LlmResult<Summary> r = llm.run(SummaryTasks.SUMMARIZE, input, EngineChoice.AUTO, context);
 * }</pre>
 */
public final class Llm {

  private static final Logger log = LoggerFactory.getLogger(Llm.class);

  private final List<LlmEngine> providers;
  private final LlmEngine offline;
  private final @Nullable ResponseCache cache;
  private final MeterRegistry meters;
  private final List<UsageListener> listeners;

  public Llm(
      List<LlmEngine> providers,
      LlmEngine offline,
      @Nullable ResponseCache cache,
      MeterRegistry meters,
      List<UsageListener> listeners) {
    this.providers = List.copyOf(providers);
    this.offline = offline;
    this.cache = cache;
    this.meters = meters;
    this.listeners = List.copyOf(listeners);
  }

  /** Whether at least one LLM provider is configured. */
  public boolean llmConfigured() {
    return !providers.isEmpty();
  }

  /**
   * Runs {@code task} on {@code input} with the engines {@code choice} allows.
   *
   * @throws LlmUnavailableException when {@code choice} is {@link EngineChoice#LLM} and no provider
   *     is configured or every provider failed
   */
  public <I, O> LlmResult<O> run(
      LlmTask<I, O> task, I input, EngineChoice choice, CallContext context) {
    if (choice == EngineChoice.OFFLINE) {
      return runOffline(task, input, false);
    }
    List<String> failures = new ArrayList<>();
    for (LlmEngine provider : providers) {
      try {
        LlmResult<O> result = runOn(provider, task, input, context);
        return failures.isEmpty()
            ? result
            : new LlmResult<>(
                result.value(),
                result.engine(),
                result.model(),
                result.usage(),
                result.cached(),
                true);
      } catch (LlmException | IllegalArgumentException e) {
        log.warn("{} failed for task {}: {}", provider.name(), task.name(), e.getMessage());
        failures.add(provider.name() + ": " + e.getMessage());
        Counter.builder("budai.llm.fallbacks")
            .description("LLM calls that failed over to the next provider or the offline engine")
            .tag("task", task.name())
            .tag("engine", provider.name())
            .register(meters)
            .increment();
      }
    }
    if (choice == EngineChoice.LLM) {
      throw new LlmUnavailableException(
          providers.isEmpty()
              ? "No LLM provider is configured (set OPENAI_BASE_URL or OPENAI_API_KEY)."
              : "Every LLM provider failed: " + String.join("; ", failures));
    }
    return runOffline(task, input, !providers.isEmpty());
  }

  private <I, O> LlmResult<O> runOffline(LlmTask<I, O> task, I input, boolean fellBack) {
    Timer.Sample sample = Timer.start(meters);
    LlmEngine.Output<O> out = offline.run(task, input);
    sample.stop(timer(task, offline, "ok"));
    return new LlmResult<>(
        out.value(), offline.name(), out.model(), TokenUsage.NONE, false, fellBack);
  }

  private <I, O> LlmResult<O> runOn(
      LlmEngine engine, LlmTask<I, O> task, I input, CallContext context) {
    LlmTask.MapReduce<I, O> mapReduce = task.mapReduce();
    if (mapReduce != null) {
      List<I> parts = mapReduce.split().apply(input, engine.inputTokenBudget());
      if (parts.size() > 1) {
        List<O> partials = new ArrayList<>();
        TokenUsage usage = TokenUsage.NONE;
        boolean allCached = true;
        for (I part : parts) {
          LlmResult<O> r = single(engine, task, part, context);
          partials.add(r.value());
          usage = usage.plus(r.usage());
          allCached &= r.cached();
        }
        LlmResult<O> reduced =
            single(engine, mapReduce.reduce(), new LlmTask.Partials<>(input, partials), context);
        O value = task.validate().apply(input, reduced.value());
        return new LlmResult<>(
            value,
            engine.name(),
            reduced.model(),
            usage.plus(reduced.usage()),
            allCached && reduced.cached(),
            false);
      }
    }
    return single(engine, task, input, context);
  }

  private <I, O> LlmResult<O> single(
      LlmEngine engine, LlmTask<I, O> task, I input, CallContext context) {
    if (cache != null) {
      var hit = cache.get(engine, task, input);
      counter("budai.llm.cache", task, engine, hit.isPresent() ? "hit" : "miss").increment();
      if (hit.isPresent()) {
        return new LlmResult<>(
            task.validate().apply(input, hit.get()),
            engine.name(),
            engine.model(),
            TokenUsage.NONE,
            true,
            false);
      }
    }
    Timer.Sample sample = Timer.start(meters);
    LlmEngine.Output<O> out;
    O value;
    try {
      out = engine.run(task, input);
      value = task.validate().apply(input, out.value());
    } catch (RuntimeException e) {
      sample.stop(timer(task, engine, "error"));
      throw e instanceof LlmException le ? le : new LlmException(e.getMessage(), e);
    }
    sample.stop(timer(task, engine, "ok"));
    record(engine, out.model(), out.usage(), context);
    if (cache != null) {
      cache.put(engine, task, input, value);
    }
    return new LlmResult<>(value, engine.name(), out.model(), out.usage(), false, false);
  }

  private void record(LlmEngine engine, String model, TokenUsage usage, CallContext context) {
    Counter.builder("budai.llm.tokens")
        .description("Tokens spent on LLM calls")
        .tag("engine", engine.name())
        .tag("model", model)
        .tag("kind", "prompt")
        .register(meters)
        .increment(usage.promptTokens());
    Counter.builder("budai.llm.tokens")
        .description("Tokens spent on LLM calls")
        .tag("engine", engine.name())
        .tag("model", model)
        .tag("kind", "completion")
        .register(meters)
        .increment(usage.completionTokens());
    for (UsageListener listener : listeners) {
      try {
        listener.recorded(context, engine.name(), model, usage);
      } catch (RuntimeException e) {
        log.warn("Usage listener failed: {}", e.toString());
      }
    }
  }

  private Timer timer(LlmTask<?, ?> task, LlmEngine engine, String outcome) {
    return Timer.builder("budai.llm.latency")
        .description("Latency of LLM-layer calls by task, engine, model and outcome")
        .tag("task", task.name())
        .tag("engine", engine.name())
        .tag("model", engine.model())
        .tag("outcome", outcome)
        .register(meters);
  }

  private Counter counter(String name, LlmTask<?, ?> task, LlmEngine engine, String result) {
    return Counter.builder(name)
        .tag("task", task.name())
        .tag("engine", engine.name())
        .tag("result", result)
        .register(meters);
  }
}
