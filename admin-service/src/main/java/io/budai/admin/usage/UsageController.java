package io.budai.admin.usage;

import io.budai.admin.plans.EffectiveLimits;
import io.budai.admin.users.User;
import io.budai.admin.users.Users;
import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's usage against its plan, and the limit check bot-manager makes before a bot. */
@RestController
class UsageController {

  private final Users users;
  private final Quotas quotas;

  UsageController(Users users, Quotas quotas) {
    this.users = users;
    this.quotas = quotas;
  }

  /** Usage this month vs the plan, for the user of the API key (through the gateway). */
  record QuoteResponse(
      long userId,
      EffectiveLimits.@Nullable PlanSummary plan,
      LocalDate periodStart,
      LocalDate periodEnd,
      int maxConcurrentBots,
      Map<String, Double> totals,
      List<Quotas.Quota> quotas) {}

  @GetMapping("/usage/quote")
  QuoteResponse quote(CallerIdentity caller) {
    User user = userOf(caller.requireUser());
    Quotas.Period period = Quotas.Period.current();
    List<Quotas.Quota> all = quotas.all(user, period);
    return new QuoteResponse(
        user.id(),
        quotas.plan(user),
        period.start(),
        period.end(),
        all.getFirst().maxConcurrentBots(),
        quotas.totals(user, period),
        all);
  }

  /** What bot-manager asks before starting a bot for {@code user_id} with {@code model}. */
  record LimitCheck(
      long userId,
      String model,
      EffectiveLimits.@Nullable PlanSummary plan,
      boolean allowed,
      @Nullable String reason,
      int maxConcurrentBots,
      @Nullable Integer monthlyTranscriptionMinutes,
      double usedTranscriptionMinutes,
      @Nullable Long monthlyLlmTokens,
      long usedLlmTokens,
      LocalDate periodStart,
      LocalDate periodEnd) {}

  @GetMapping("/internal/limits/check")
  LimitCheck check(
      @RequestParam("user_id") String userId,
      @RequestParam(required = false) @Nullable String model) {
    User user = userOf(userId);
    Quotas.Period period = Quotas.Period.current();
    Quotas.Quota quota = quotas.quota(user, model, period);
    String reason = null;
    if (quota.maxConcurrentBots() == 0) {
      reason = "no-bots-allowed";
    } else if (quota.monthlyTranscriptionMinutes() != null
        && quota.usedTranscriptionMinutes() >= quota.monthlyTranscriptionMinutes()) {
      reason = "transcription-quota-exhausted";
    } else if (quota.monthlyLlmTokens() != null
        && quota.usedLlmTokens() >= quota.monthlyLlmTokens()) {
      reason = "llm-token-quota-exhausted";
    }
    return new LimitCheck(
        user.id(),
        quota.model(),
        quotas.plan(user),
        reason == null,
        reason,
        quota.maxConcurrentBots(),
        quota.monthlyTranscriptionMinutes(),
        quota.usedTranscriptionMinutes(),
        quota.monthlyLlmTokens(),
        quota.usedLlmTokens(),
        period.start(),
        period.end());
  }

  private User userOf(String userId) {
    Long id = UsageLedger.parseUserId(userId);
    if (id == null) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "invalid-user-id",
          "Invalid user id",
          "user_id must be a number.");
    }
    return users.require(id);
  }
}
