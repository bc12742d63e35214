package io.budai.admin.plans;

import org.jspecify.annotations.Nullable;

/**
 * The limits that apply to one user and model: the plan's row for the model, else its {@code *}
 * row; the concurrent-bot limit falls back to the user's own {@code max_concurrent_bots}. Null
 * monthly limits mean no limit.
 *
 * @param plan the active plan, or null when the user has none (or it expired)
 */
public record EffectiveLimits(
    @Nullable PlanSummary plan,
    String model,
    int maxConcurrentBots,
    @Nullable Integer monthlyTranscriptionMinutes,
    @Nullable Long monthlyLlmTokens) {

  /** Id and name of a plan. */
  public record PlanSummary(long id, String name) {}
}
