package io.budai.collector.meeting;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** SQL of {@code transcripts.meetings}. */
@Repository
class MeetingRepository {

  private static final String COLUMNS =
      "id, user_id, platform, platform_specific_id, constructed_meeting_url, status,"
          + " bot_container_id, start_time, end_time, data::text AS data, created_at, updated_at,"
          + " finalized_at";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  MeetingRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Inserts a requested meeting.
   *
   * @throws org.springframework.dao.DuplicateKeyException when the user already has a running
   *     meeting for the same platform and native id
   */
  Meeting insert(
      String userId,
      String platform,
      String nativeMeetingId,
      @Nullable String constructedMeetingUrl,
      @Nullable String botContainerId,
      ObjectNode data) {
    GeneratedKeyHolder keys = new GeneratedKeyHolder();
    jdbc.sql(
            """
            INSERT INTO meetings (user_id, platform, platform_specific_id, constructed_meeting_url,
                                  bot_container_id, data)
            VALUES (:user, :platform, :native, :url, :bot, CAST(:data AS jsonb))
            """)
        .param("user", userId)
        .param("platform", platform)
        .param("native", nativeMeetingId)
        .param("url", constructedMeetingUrl)
        .param("bot", botContainerId)
        .param("data", json.writeValueAsString(data))
        .update(keys, "id");
    long id = keys.getKeyAs(Long.class);
    return findById(id).orElseThrow();
  }

  Optional<Meeting> findById(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM meetings WHERE id = :id")
        .param("id", id)
        .query(this::map)
        .optional();
  }

  /** Locks the row until the transaction ends: status changes of one meeting are serialized. */
  Optional<Meeting> lock(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM meetings WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(this::map)
        .optional();
  }

  /** The user's latest meeting for (platform, native id), Vexa's default resolution. */
  Optional<Meeting> findLatest(String userId, String platform, String nativeMeetingId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                 FROM meetings
                WHERE user_id = :user AND platform = :platform AND platform_specific_id = :native
                ORDER BY created_at DESC, id DESC LIMIT 1
                """)
        .param("user", userId)
        .param("platform", platform)
        .param("native", nativeMeetingId)
        .query(this::map)
        .optional();
  }

  /** A page of the user's meetings, newest first; {@code limit} rows at most. */
  List<Meeting> list(
      String userId,
      @Nullable String status,
      @Nullable String platform,
      @Nullable String nativeMeetingId,
      int limit,
      int offset) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM meetings WHERE user_id = :user");
    if (status != null) {
      sql.append(" AND status = :status");
    }
    if (platform != null) {
      sql.append(" AND platform = :platform");
    }
    if (nativeMeetingId != null) {
      sql.append(" AND platform_specific_id = :native");
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset");
    var statement =
        jdbc.sql(sql.toString())
            .param("user", userId)
            .param("limit", limit)
            .param("offset", offset);
    if (status != null) {
      statement = statement.param("status", status);
    }
    if (platform != null) {
      statement = statement.param("platform", platform);
    }
    if (nativeMeetingId != null) {
      statement = statement.param("native", nativeMeetingId);
    }
    return statement.query(this::map).list();
  }

  /**
   * Writes a new status with its history entry and the data keys that go with it (for example
   * {@code completion_reason}).
   */
  void updateStatus(
      long id,
      MeetingStatus status,
      ObjectNode transition,
      ObjectNode dataPatch,
      @Nullable Instant startTime,
      @Nullable Instant endTime) {
    jdbc.sql(
            """
            UPDATE meetings
               SET status = :status,
                   data = jsonb_set(data || CAST(:patch AS jsonb), '{status_transition}',
                                    COALESCE(data->'status_transition', '[]'::jsonb)
                                      || jsonb_build_array(CAST(:transition AS jsonb))),
                   start_time = COALESCE(start_time, :start),
                   end_time = COALESCE(end_time, :end),
                   updated_at = now()
             WHERE id = :id
            """)
        .param("status", status.wire())
        .param("patch", json.writeValueAsString(dataPatch))
        .param("transition", json.writeValueAsString(transition))
        .param("start", timestamp(startTime))
        .param("end", timestamp(endTime))
        .param("id", id)
        .update();
  }

  /** Sets the start time if the meeting has none yet; true when this call set it. */
  boolean markStarted(long id, Instant at) {
    return jdbc.sql(
                "UPDATE meetings SET start_time = :at, updated_at = now()"
                    + " WHERE id = :id AND start_time IS NULL")
            .param("at", timestamp(at))
            .param("id", id)
            .update()
        == 1;
  }

  /** Merges {@code patch} into the meeting's data. */
  void mergeData(long id, ObjectNode patch) {
    jdbc.sql(
            "UPDATE meetings SET data = data || CAST(:patch AS jsonb), updated_at = now()"
                + " WHERE id = :id")
        .param("patch", json.writeValueAsString(patch))
        .param("id", id)
        .update();
  }

  /** Keeps only the telemetry keys of data, marks it redacted and forgets the native id. */
  void anonymize(long id, ObjectNode keptData) {
    jdbc.sql(
            """
            UPDATE meetings SET data = CAST(:data AS jsonb), platform_specific_id = NULL,
                   constructed_meeting_url = NULL, updated_at = now()
             WHERE id = :id
            """)
        .param("data", json.writeValueAsString(keptData))
        .param("id", id)
        .update();
  }

  /** Marks the meeting finalized; true only for the one caller that did it. */
  boolean markFinalized(long id) {
    return jdbc.sql(
                "UPDATE meetings SET finalized_at = now() WHERE id = :id AND finalized_at IS NULL")
            .param("id", id)
            .update()
        == 1;
  }

  /** Finished meetings whose final flush has not run and that ended before {@code before}. */
  List<Long> unfinalizedBefore(Instant before, int limit) {
    return jdbc.sql(
            """
            SELECT id FROM meetings
             WHERE finalized_at IS NULL AND status IN ('completed', 'failed') AND updated_at < :before
             ORDER BY updated_at LIMIT :limit
            """)
        .param("before", timestamp(before))
        .param("limit", limit)
        .query(Long.class)
        .list();
  }

  private Meeting map(ResultSet rs, int row) throws SQLException {
    return new Meeting(
        rs.getLong("id"),
        rs.getString("user_id"),
        rs.getString("platform"),
        rs.getString("platform_specific_id"),
        rs.getString("constructed_meeting_url"),
        MeetingStatus.fromWire(rs.getString("status")).orElse(MeetingStatus.COMPLETED),
        rs.getString("bot_container_id"),
        instant(rs, "start_time"),
        instant(rs, "end_time"),
        (ObjectNode) json.readTree(rs.getString("data")),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        instant(rs, "finalized_at"));
  }

  static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static @Nullable Timestamp timestamp(@Nullable Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
