package io.budai.collector.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of {@code transcripts.meeting_sessions}. */
@Repository
public class SessionRepository {

  private final JdbcClient jdbc;

  SessionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records a session (idempotent: the first start time wins). */
  void upsert(
      long meetingId,
      String sessionUid,
      Instant startedAt,
      @Nullable String language,
      @Nullable String model) {
    jdbc.sql(
            """
            INSERT INTO meeting_sessions (meeting_id, session_uid, session_start_time, language, model)
            SELECT :meeting, :uid, :start, :language, :model
             WHERE EXISTS (SELECT 1 FROM meetings WHERE id = :meeting)
            ON CONFLICT (meeting_id, session_uid) DO UPDATE
               SET language = COALESCE(EXCLUDED.language, meeting_sessions.language),
                   model = COALESCE(EXCLUDED.model, meeting_sessions.model)
            """)
        .param("meeting", meetingId)
        .param("uid", sessionUid)
        .param("start", Timestamp.from(startedAt))
        .param("language", language)
        .param("model", model)
        .update();
  }

  /** Marks a session ended (the first end time wins). */
  void end(long meetingId, String sessionUid, Instant endedAt) {
    jdbc.sql(
            """
            UPDATE meeting_sessions SET session_end_time = COALESCE(session_end_time, :end)
             WHERE meeting_id = :meeting AND session_uid = :uid
            """)
        .param("end", Timestamp.from(endedAt))
        .param("meeting", meetingId)
        .param("uid", sessionUid)
        .update();
  }

  /** Ends every open session of a meeting. */
  void endAll(long meetingId, Instant endedAt) {
    jdbc.sql(
            """
            UPDATE meeting_sessions SET session_end_time = :end
             WHERE meeting_id = :meeting AND session_end_time IS NULL
            """)
        .param("end", Timestamp.from(endedAt))
        .param("meeting", meetingId)
        .update();
  }

  /** Whether the meeting had any session. */
  boolean hasSessions(long meetingId) {
    return jdbc.sql("SELECT EXISTS (SELECT 1 FROM meeting_sessions WHERE meeting_id = :meeting)")
        .param("meeting", meetingId)
        .query(Boolean.class)
        .single();
  }

  /** Whether any session of the meeting is still open. */
  boolean hasOpenSessions(long meetingId) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM meeting_sessions"
                + " WHERE meeting_id = :meeting AND session_end_time IS NULL)")
        .param("meeting", meetingId)
        .query(Boolean.class)
        .single();
  }

  /**
   * Claims the usage report of a session: stores its seconds and returns true only for the first
   * caller.
   */
  boolean claimUsage(long meetingId, String sessionUid, double seconds) {
    return jdbc.sql(
                """
                UPDATE meeting_sessions SET usage_seconds = :seconds
                 WHERE meeting_id = :meeting AND session_uid = :uid AND usage_seconds IS NULL
                """)
            .param("seconds", seconds)
            .param("meeting", meetingId)
            .param("uid", sessionUid)
            .update()
        == 1;
  }

  /** Sessions of a meeting whose usage was not reported yet. */
  List<String> unreportedSessions(long meetingId) {
    return jdbc.sql(
            "SELECT session_uid FROM meeting_sessions WHERE meeting_id = :meeting"
                + " AND usage_seconds IS NULL ORDER BY session_start_time")
        .param("meeting", meetingId)
        .query(String.class)
        .list();
  }

  /** Start time of each session of a meeting, by session uid. */
  public Map<String, Instant> startTimes(long meetingId) {
    Map<String, Instant> result = new HashMap<>();
    jdbc.sql(
            "SELECT session_uid, session_start_time FROM meeting_sessions WHERE meeting_id = :meeting")
        .param("meeting", meetingId)
        .query(
            rs -> {
              result.put(
                  rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
            });
    return result;
  }
}
