package io.budai.admin.plans;

import io.budai.admin.users.User;
import io.budai.platform.web.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plans, their per-model limits ({@code plan_model_limits}) and users' plans ({@code user_plans}).
 */
@Component
public class Plans {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  Plans(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  @Transactional
  PlanResponse create(PlanRequest request) {
    long id;
    try {
      id =
          jdbc.sql(
                  """
                  INSERT INTO plans (name, description, data)
                  VALUES (:name, :description, CAST(:data AS jsonb)) RETURNING id""")
              .param("name", request.name().trim())
              .param("description", request.description())
              .param("data", dataJson(request.data()))
              .query(Long.class)
              .single();
    } catch (DuplicateKeyException e) {
      throw duplicateName(request.name());
    }
    replaceLimits(id, request.limits());
    return require(id);
  }

  @Transactional
  PlanResponse replace(long id, PlanRequest request) {
    int updated;
    try {
      updated =
          jdbc.sql(
                  """
                  UPDATE plans SET name = :name, description = :description,
                    data = CAST(:data AS jsonb), updated_at = now()
                  WHERE id = :id""")
              .param("id", id)
              .param("name", request.name().trim())
              .param("description", request.description())
              .param("data", dataJson(request.data()))
              .update();
    } catch (DuplicateKeyException e) {
      throw duplicateName(request.name());
    }
    if (updated == 0) {
      throw notFound(id);
    }
    replaceLimits(id, request.limits());
    return require(id);
  }

  /** Deletes the plan; a 409 problem while users are on it. */
  void delete(long id) {
    int deleted;
    try {
      deleted = jdbc.sql("DELETE FROM plans WHERE id = :id").param("id", id).update();
    } catch (DataIntegrityViolationException e) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "plan-in-use",
          "Plan in use",
          "Plan " + id + " is assigned to users; move them to another plan first.");
    }
    if (deleted == 0) {
      throw notFound(id);
    }
  }

  List<PlanResponse> list() {
    List<PlanRow> plans = jdbc.sql("SELECT * FROM plans ORDER BY id").query(this::planRow).list();
    Map<Long, List<ModelLimit>> limits = new LinkedHashMap<>();
    jdbc.sql("SELECT * FROM plan_model_limits ORDER BY plan_id, model")
        .query(
            rs -> {
              limits.computeIfAbsent(rs.getLong("plan_id"), k -> new ArrayList<>()).add(limit(rs));
            });
    return plans.stream().map(p -> p.with(limits.getOrDefault(p.id(), List.of()))).toList();
  }

  /** The plan with {@code id}, or a 404 problem. */
  public PlanResponse require(long id) {
    return find(id).orElseThrow(() -> notFound(id));
  }

  Optional<PlanResponse> find(long id) {
    return jdbc.sql("SELECT * FROM plans WHERE id = :id")
        .param("id", id)
        .query(this::planRow)
        .optional()
        .map(p -> p.with(limitsOf(id)));
  }

  /** The user's plan assignment, expired or not. */
  public Optional<UserPlanResponse> planOf(long userId) {
    return jdbc.sql("SELECT * FROM user_plans WHERE user_id = :user_id")
        .param("user_id", userId)
        .query(
            (rs, row) ->
                new UserPlanResponse(
                    rs.getLong("user_id"),
                    require(rs.getLong("plan_id")),
                    rs.getTimestamp("started_at").toInstant(),
                    instant(rs, "expires_at"),
                    (ObjectNode) json.readTree(rs.getString("data")),
                    rs.getTimestamp("updated_at").toInstant()))
        .optional();
  }

  /**
   * Assigns {@code planId} to the user. With {@code replace} false, an existing assignment is a 409
   * problem ({@code POST}); with true it is replaced ({@code PUT}).
   */
  @Transactional
  UserPlanResponse assign(long userId, UserPlanRequest request, boolean replace) {
    require(request.planId());
    String sql =
        """
        INSERT INTO user_plans (user_id, plan_id, expires_at, data)
        VALUES (:user_id, :plan_id, :expires_at, CAST(:data AS jsonb))
        ON CONFLICT (user_id) DO """
            + (replace
                ? " "
                    + """
                  UPDATE SET plan_id = EXCLUDED.plan_id, expires_at = EXCLUDED.expires_at,
                    data = EXCLUDED.data, updated_at = now(),
                    started_at = CASE WHEN user_plans.plan_id = EXCLUDED.plan_id
                                      THEN user_plans.started_at ELSE now() END"""
                : " NOTHING");
    int written =
        jdbc.sql(sql)
            .param("user_id", userId)
            .param("plan_id", request.planId())
            .param(
                "expires_at",
                request.expiresAt() == null ? null : Timestamp.from(request.expiresAt()))
            .param("data", dataJson(request.data()))
            .update();
    if (written == 0) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "plan-already-assigned",
          "Plan already assigned",
          "User " + userId + " already has a plan; use PUT to change it.");
    }
    return planOf(userId).orElseThrow();
  }

  boolean unassign(long userId) {
    return jdbc.sql("DELETE FROM user_plans WHERE user_id = :user_id")
            .param("user_id", userId)
            .update()
        == 1;
  }

  /** The limits that apply to {@code user} for {@code model} right now. */
  public EffectiveLimits effectiveLimits(User user, @Nullable String model) {
    String wanted = model == null || model.isBlank() ? ModelLimit.ANY_MODEL : model;
    Optional<UserPlanResponse> assignment =
        planOf(user.id())
            .filter(p -> p.expiresAt() == null || p.expiresAt().isAfter(Instant.now()));
    if (assignment.isEmpty()) {
      return new EffectiveLimits(null, wanted, user.maxConcurrentBots(), null, null);
    }
    PlanResponse plan = assignment.get().plan();
    ModelLimit limit =
        plan.limits().stream()
            .filter(l -> l.model().equals(wanted))
            .findFirst()
            .or(
                () ->
                    plan.limits().stream()
                        .filter(l -> l.model().equals(ModelLimit.ANY_MODEL))
                        .findFirst())
            .orElse(new ModelLimit(ModelLimit.ANY_MODEL, null, null, null));
    return new EffectiveLimits(
        new EffectiveLimits.PlanSummary(plan.id(), plan.name()),
        wanted,
        limit.maxConcurrentBots() != null ? limit.maxConcurrentBots() : user.maxConcurrentBots(),
        limit.monthlyTranscriptionMinutes(),
        limit.monthlyLlmTokens());
  }

  private void replaceLimits(long planId, @Nullable List<ModelLimit> limits) {
    jdbc.sql("DELETE FROM plan_model_limits WHERE plan_id = :id").param("id", planId).update();
    if (limits == null) {
      return;
    }
    if (limits.stream().map(ModelLimit::model).distinct().count() != limits.size()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "duplicate-model-limit",
          "Duplicate model",
          "Each model may appear once in limits.");
    }
    for (ModelLimit limit : limits) {
      jdbc.sql(
              """
              INSERT INTO plan_model_limits (plan_id, model, max_concurrent_bots,
                monthly_transcription_minutes, monthly_llm_tokens)
              VALUES (:plan_id, :model, :bots, :minutes, :tokens)""")
          .param("plan_id", planId)
          .param("model", limit.model().trim())
          .param("bots", limit.maxConcurrentBots())
          .param("minutes", limit.monthlyTranscriptionMinutes())
          .param("tokens", limit.monthlyLlmTokens())
          .update();
    }
  }

  private List<ModelLimit> limitsOf(long planId) {
    return jdbc.sql("SELECT * FROM plan_model_limits WHERE plan_id = :id ORDER BY model")
        .param("id", planId)
        .query((rs, row) -> limit(rs))
        .list();
  }

  private String dataJson(@Nullable ObjectNode data) {
    return data == null ? "{}" : json.writeValueAsString(data);
  }

  private record PlanRow(
      long id,
      String name,
      @Nullable String description,
      ObjectNode data,
      Instant createdAt,
      Instant updatedAt) {
    PlanResponse with(List<ModelLimit> limits) {
      return new PlanResponse(id, name, description, data, limits, createdAt, updatedAt);
    }
  }

  private PlanRow planRow(ResultSet rs, int row) throws SQLException {
    return new PlanRow(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("description"),
        (ObjectNode) json.readTree(rs.getString("data")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static ModelLimit limit(ResultSet rs) throws SQLException {
    return new ModelLimit(
        rs.getString("model"),
        (Integer) rs.getObject("max_concurrent_bots"),
        (Integer) rs.getObject("monthly_transcription_minutes"),
        (Long) rs.getObject("monthly_llm_tokens"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  static ProblemException notFound(long id) {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "plan-not-found", "Plan not found", "No plan with id " + id + ".");
  }

  private static ProblemException duplicateName(String name) {
    return new ProblemException(
        HttpStatus.CONFLICT,
        "plan-name-taken",
        "Plan name taken",
        "A plan named '" + name.trim() + "' already exists.");
  }
}
