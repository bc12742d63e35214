package io.budai.admin.usage;

import io.budai.admin.plans.EffectiveLimits;
import io.budai.admin.plans.ModelLimit;
import io.budai.admin.plans.Plans;
import io.budai.admin.plans.UserPlanResponse;
import io.budai.admin.users.User;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Compares a user's usage this month with the plan's limits. A model with a limit row of its own is
 * counted alone; every other model counts against the plan's {@code *} row together.
 */
@Component
class Quotas {

  private final Plans plans;
  private final UsageLedger ledger;

  Quotas(Plans plans, UsageLedger ledger) {
    this.plans = plans;
    this.ledger = ledger;
  }

  /** Usage against the limits of one model. */
  record Quota(
      String model,
      int maxConcurrentBots,
      @Nullable Integer monthlyTranscriptionMinutes,
      double usedTranscriptionMinutes,
      @Nullable Long monthlyLlmTokens,
      long usedLlmTokens,
      boolean exhausted) {}

  record Period(LocalDate start, LocalDate end) {
    static Period current() {
      LocalDate start = UsageLedger.periodStart(Instant.now());
      return new Period(start, start.plusMonths(1));
    }
  }

  Quota quota(User user, @Nullable String model, Period period) {
    EffectiveLimits limits = plans.effectiveLimits(user, model);
    Map<String, Map<String, Double>> usage = ledger.usage(user.id(), period.start());
    Set<String> ownRows = modelsWithOwnRow(user);
    String wanted = limits.model();
    double seconds = used(usage.get(UsageLedger.TRANSCRIPTION_SECONDS), wanted, ownRows);
    double tokens = used(usage.get(UsageLedger.LLM_TOKENS), wanted, ownRows);
    double minutes = Math.round(seconds / 60.0 * 1000.0) / 1000.0;
    boolean exhausted =
        (limits.monthlyTranscriptionMinutes() != null
                && minutes >= limits.monthlyTranscriptionMinutes())
            || (limits.monthlyLlmTokens() != null && tokens >= limits.monthlyLlmTokens());
    return new Quota(
        wanted,
        limits.maxConcurrentBots(),
        limits.monthlyTranscriptionMinutes(),
        minutes,
        limits.monthlyLlmTokens(),
        (long) tokens,
        exhausted);
  }

  /** One quota per model the plan names or the user used, {@code *} first. */
  List<Quota> all(User user, Period period) {
    Set<String> models = new TreeSet<>(modelsWithOwnRow(user));
    ledger.usage(user.id(), period.start()).values().forEach(m -> models.addAll(m.keySet()));
    models.remove(ModelLimit.ANY_MODEL);
    models.remove("");
    List<Quota> quotas = new ArrayList<>();
    quotas.add(quota(user, ModelLimit.ANY_MODEL, period));
    for (String model : models) {
      if (modelsWithOwnRow(user).contains(model)) {
        quotas.add(quota(user, model, period));
      }
    }
    return quotas;
  }

  EffectiveLimits.@Nullable PlanSummary plan(User user) {
    return plans.effectiveLimits(user, null).plan();
  }

  Map<String, Double> totals(User user, Period period) {
    return ledger.usage(user.id(), period.start()).entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> e.getValue().values().stream().mapToDouble(Double::doubleValue).sum()));
  }

  private Set<String> modelsWithOwnRow(User user) {
    return plans
        .planOf(user.id())
        .filter(p -> p.expiresAt() == null || p.expiresAt().isAfter(Instant.now()))
        .map(UserPlanResponse::plan)
        .map(
            p ->
                p.limits().stream()
                    .map(ModelLimit::model)
                    .filter(m -> !ModelLimit.ANY_MODEL.equals(m))
                    .collect(Collectors.toSet()))
        .orElse(Set.of());
  }

  private static double used(
      @Nullable Map<String, Double> byModel, String model, Set<String> ownRows) {
    if (byModel == null) {
      return 0;
    }
    if (ownRows.contains(model)) {
      return byModel.getOrDefault(model, 0.0);
    }
    return byModel.entrySet().stream()
        .filter(e -> !ownRows.contains(e.getKey()))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }
}
