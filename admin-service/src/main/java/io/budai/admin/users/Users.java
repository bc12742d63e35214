package io.budai.admin.users;

import io.budai.platform.web.ProblemException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The {@code users} table: find-or-create by e-mail, lookups, updates, deletion. */
@Component
public class Users {

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final RowMapper<User> rows;

  Users(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
    this.rows = this::map;
  }

  /** The outcome of {@link #findOrCreate}: the user and whether this call created it. */
  record Upsert(User user, boolean created) {}

  Upsert findOrCreate(
      String email,
      @Nullable String name,
      @Nullable String imageUrl,
      int maxConcurrentBots,
      ObjectNode data) {
    Optional<User> inserted =
        jdbc.sql(
                """
                INSERT INTO users (email, name, image_url, max_concurrent_bots, data)
                VALUES (:email, :name, :image_url, :max_bots, CAST(:data AS jsonb))
                ON CONFLICT ((lower(email))) DO NOTHING
                RETURNING *""")
            .param("email", email)
            .param("name", name)
            .param("image_url", imageUrl)
            .param("max_bots", maxConcurrentBots)
            .param("data", json.writeValueAsString(data))
            .query(rows)
            .optional();
    if (inserted.isPresent()) {
      return new Upsert(inserted.get(), true);
    }
    return new Upsert(findByEmail(email).orElseThrow(), false);
  }

  /** The user with {@code id}, if any. */
  public Optional<User> findById(long id) {
    return jdbc.sql("SELECT * FROM users WHERE id = :id").param("id", id).query(rows).optional();
  }

  /** The user with {@code id}, or a 404 problem. */
  public User require(long id) {
    return findById(id).orElseThrow(() -> notFound(id));
  }

  /** The user with {@code email} (case-insensitive), if any. */
  public Optional<User> findByEmail(String email) {
    return jdbc.sql("SELECT * FROM users WHERE lower(email) = lower(:email)")
        .param("email", email)
        .query(rows)
        .optional();
  }

  List<User> list(int skip, int limit) {
    return jdbc.sql("SELECT * FROM users ORDER BY id LIMIT :limit OFFSET :skip")
        .param("limit", limit)
        .param("skip", skip)
        .query(rows)
        .list();
  }

  /**
   * Applies the given changes; {@code data} is merged key by key into the stored object (a key set
   * to null is removed), the other fields are replaced when present in {@code changes}.
   */
  User update(long id, Map<String, @Nullable Object> changes, @Nullable ObjectNode dataPatch) {
    StringBuilder sql = new StringBuilder("UPDATE users SET updated_at = now()");
    JdbcClient.StatementSpec spec;
    for (String column : changes.keySet()) {
      sql.append(", ").append(column).append(" = :").append(column);
    }
    if (dataPatch != null) {
      sql.append(", data = jsonb_strip_nulls(data || CAST(:data AS jsonb))");
    }
    sql.append(" WHERE id = :id RETURNING *");
    spec = jdbc.sql(sql.toString()).param("id", id);
    for (Map.Entry<String, @Nullable Object> change : changes.entrySet()) {
      spec = spec.param(change.getKey(), change.getValue());
    }
    if (dataPatch != null) {
      spec = spec.param("data", json.writeValueAsString(dataPatch));
    }
    return spec.query(rows).optional().orElseThrow(() -> notFound(id));
  }

  /** Sets keys of the user's {@code data} (null values remove the key). */
  public void mergeData(long id, ObjectNode patch) {
    update(id, Map.of(), patch);
  }

  boolean delete(long id) {
    return jdbc.sql("DELETE FROM users WHERE id = :id").param("id", id).update() == 1;
  }

  static ProblemException notFound(long id) {
    return new ProblemException(
        HttpStatus.NOT_FOUND, "user-not-found", "User not found", "No user with id " + id + ".");
  }

  private User map(ResultSet rs, int row) throws SQLException {
    return new User(
        rs.getLong("id"),
        rs.getString("email"),
        rs.getString("name"),
        rs.getString("image_url"),
        rs.getInt("max_concurrent_bots"),
        (ObjectNode) json.readTree(rs.getString("data")),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
