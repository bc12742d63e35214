package io.budai.llm;

/** The engine that needs no network and no model files: each task's own offline function. */
public final class OfflineEngine implements LlmEngine {

  /** Name the responses report. */
  public static final String NAME = "offline";

  /** Model name the responses report. */
  public static final String MODEL = "offline-extractive";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String model() {
    return MODEL;
  }

  @Override
  public int inputTokenBudget() {
    return Integer.MAX_VALUE;
  }

  @Override
  public <I, O> Output<O> run(LlmTask<I, O> task, I input) {
    return new Output<>(task.offline().apply(input), TokenUsage.NONE, MODEL);
  }
}
