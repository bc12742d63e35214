package io.budai.admin.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code webhooks} table: one webhook per user. */
@Component
class Webhooks {

  /** A user's webhook. */
  record Webhook(
      long userId,
      String url,
      String secret,
      List<String> events,
      Instant createdAt,
      Instant updatedAt) {}

  private final JdbcClient jdbc;

  Webhooks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Webhook> find(long userId) {
    return jdbc.sql("SELECT * FROM webhooks WHERE user_id = :user_id")
        .param("user_id", userId)
        .query(Webhooks::map)
        .optional();
  }

  Webhook save(long userId, String url, String secret, List<String> events) {
    return jdbc.sql(
            """
            INSERT INTO webhooks (user_id, url, secret, events)
            VALUES (:user_id, :url, :secret, string_to_array(:events, ','))
            ON CONFLICT (user_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret,
              events = EXCLUDED.events, updated_at = now()
            RETURNING *""")
        .param("user_id", userId)
        .param("url", url)
        .param("secret", secret)
        .param("events", String.join(",", events))
        .query(Webhooks::map)
        .single();
  }

  boolean delete(long userId) {
    return jdbc.sql("DELETE FROM webhooks WHERE user_id = :user_id")
            .param("user_id", userId)
            .update()
        == 1;
  }

  private static Webhook map(ResultSet rs, int row) throws SQLException {
    return new Webhook(
        rs.getLong("user_id"),
        rs.getString("url"),
        rs.getString("secret"),
        Arrays.asList((String[]) rs.getArray("events").getArray()),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }
}
