package io.budai.admin.usage;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Usage counters per user, calendar month (UTC), kind and model, fed by {@code usage.recorded}
 * events. Each event counts once: its id goes into {@code processed_events} in the transaction that
 * adds its amount, so a redelivered event is a no-op.
 */
@Component
public class UsageLedger {

  /** Seconds of audio transcribed. */
  public static final String TRANSCRIPTION_SECONDS = "transcription_seconds";

  /** LLM tokens (prompt + completion). */
  public static final String LLM_TOKENS = "llm_tokens";

  private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);

  private final JdbcClient jdbc;

  UsageLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Adds one usage event; returns false when the event was seen before or names no known user.
   *
   * @param userId the user id as the event carries it (a string)
   */
  @Transactional
  public boolean record(
      String eventId,
      @Nullable String userId,
      String kind,
      double amount,
      @Nullable String model,
      Instant occurredAt) {
    int fresh =
        jdbc.sql(
                "INSERT INTO processed_events (event_id, type) VALUES (:id, 'usage.recorded')"
                    + " ON CONFLICT DO NOTHING")
            .param("id", eventId)
            .update();
    if (fresh == 0) {
      return false;
    }
    Long user = parseUserId(userId);
    if (user == null || !Double.isFinite(amount) || amount < 0) {
      log.warn("Ignoring usage event {}: user {} amount {}", eventId, userId, amount);
      return false;
    }
    int added =
        jdbc.sql(
                """
                INSERT INTO usage (user_id, period_start, kind, model, amount)
                SELECT :user_id, :period, :kind, :model, :amount
                WHERE EXISTS (SELECT 1 FROM users WHERE id = :user_id)
                ON CONFLICT (user_id, period_start, kind, model)
                DO UPDATE SET amount = usage.amount + EXCLUDED.amount, updated_at = now()""")
            .param("user_id", user)
            .param("period", Date.valueOf(periodStart(occurredAt)))
            .param("kind", kind)
            .param("model", model == null ? "" : model)
            .param("amount", BigDecimal.valueOf(amount))
            .update();
    return added == 1;
  }

  /** Usage of the user in the period starting {@code periodStart}: kind → model → amount. */
  Map<String, Map<String, Double>> usage(long userId, LocalDate periodStart) {
    Map<String, Map<String, Double>> byKind = new HashMap<>();
    jdbc.sql("SELECT kind, model, amount FROM usage WHERE user_id = :user_id AND period_start = :p")
        .param("user_id", userId)
        .param("p", Date.valueOf(periodStart))
        .query(
            rs -> {
              byKind
                  .computeIfAbsent(rs.getString("kind"), k -> new HashMap<>())
                  .put(rs.getString("model"), rs.getBigDecimal("amount").doubleValue());
            });
    return byKind;
  }

  static LocalDate periodStart(Instant at) {
    return LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1);
  }

  static @Nullable Long parseUserId(@Nullable String userId) {
    if (userId == null) {
      return null;
    }
    try {
      return Long.parseLong(userId.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
