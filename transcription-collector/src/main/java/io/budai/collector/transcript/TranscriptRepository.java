package io.budai.collector.transcript;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads of {@code transcripts.segments}. */
@Repository
class TranscriptRepository {

  private final JdbcClient jdbc;

  TranscriptRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The meeting's stored segments with a revision above {@code since}, by start time. */
  List<Stored> segments(long meetingId, long since) {
    return jdbc.sql(
            """
            SELECT segment_id, session_uid, start_time, end_time, text, speaker, language, revision,
                   created_at
              FROM segments
             WHERE meeting_id = :meeting AND revision > :since
             ORDER BY start_time, end_time, segment_id
            """)
        .param("meeting", meetingId)
        .param("since", since)
        .query(TranscriptRepository::map)
        .list();
  }

  private static Stored map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime created = rs.getObject("created_at", OffsetDateTime.class);
    return new Stored(
        rs.getString("segment_id"),
        rs.getString("session_uid"),
        rs.getDouble("start_time"),
        rs.getDouble("end_time"),
        rs.getString("text"),
        rs.getString("speaker"),
        rs.getString("language"),
        rs.getLong("revision"),
        created == null ? null : created.toInstant());
  }

  /** A persisted segment. */
  record Stored(
      String segmentId,
      @org.jspecify.annotations.Nullable String sessionUid,
      double start,
      double end,
      String text,
      @org.jspecify.annotations.Nullable String speaker,
      @org.jspecify.annotations.Nullable String language,
      long revision,
      @org.jspecify.annotations.Nullable Instant createdAt) {}
}
