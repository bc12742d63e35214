package io.budai.collector.ingest;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Writes of {@code transcripts.segments} (reads live in the transcript feature). */
@Repository
class SegmentRepository {

  /**
   * One statement for a whole batch of confirmed segments ({@code unnest} of arrays): rows of
   * meetings that do not exist or were deleted are skipped, and an older revision never replaces a
   * newer one.
   */
  private static final String UPSERT =
      """
      INSERT INTO segments (meeting_id, segment_id, session_uid, start_time, end_time, text, speaker,
                            language, revision)
      SELECT u.meeting_id, u.segment_id, u.session_uid, u.start_time, u.end_time, u.text, u.speaker,
             u.language, u.revision
        FROM unnest(?::int8[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[], ?::text[],
                    ?::text[], ?::int8[])
             AS u(meeting_id, segment_id, session_uid, start_time, end_time, text, speaker, language,
                  revision)
        JOIN meetings m ON m.id = u.meeting_id AND (m.data->>'redacted') IS DISTINCT FROM 'true'
      ON CONFLICT (meeting_id, segment_id) DO UPDATE
         SET session_uid = EXCLUDED.session_uid, start_time = EXCLUDED.start_time,
             end_time = EXCLUDED.end_time, text = EXCLUDED.text, speaker = EXCLUDED.speaker,
             language = EXCLUDED.language, revision = EXCLUDED.revision, updated_at = now()
       WHERE segments.revision < EXCLUDED.revision
      """;

  /** Drafts are persisted only where nothing is stored yet: a draft never replaces a segment. */
  private static final String INSERT_DRAFTS =
      """
      INSERT INTO segments (meeting_id, segment_id, session_uid, start_time, end_time, text, speaker,
                            language, revision)
      SELECT u.meeting_id, u.segment_id, u.session_uid, u.start_time, u.end_time, u.text, u.speaker,
             u.language, u.revision
        FROM unnest(?::int8[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[], ?::text[],
                    ?::text[], ?::int8[])
             AS u(meeting_id, segment_id, session_uid, start_time, end_time, text, speaker, language,
                  revision)
        JOIN meetings m ON m.id = u.meeting_id AND (m.data->>'redacted') IS DISTINCT FROM 'true'
      ON CONFLICT (meeting_id, segment_id) DO NOTHING
      """;

  private static final String DELETE_WITHDRAWN =
      """
      DELETE FROM segments s
       USING unnest(?::int8[], ?::text[], ?::int8[]) AS u(meeting_id, segment_id, revision)
       WHERE s.meeting_id = u.meeting_id AND s.segment_id = u.segment_id AND s.revision < u.revision
      """;

  private final JdbcTemplate jdbc;

  SegmentRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Upserts confirmed {@code rows}, inserts drafts where nothing is stored, and deletes {@code
   * withdrawn} (emptied) ones; returns the rows written.
   */
  int write(List<FlushRow> rows, List<FlushRow> withdrawn) {
    List<FlushRow> confirmed = rows.stream().filter(r -> r.segment().completed()).toList();
    List<FlushRow> drafts = rows.stream().filter(r -> !r.segment().completed()).toList();
    int written = insert(UPSERT, confirmed) + insert(INSERT_DRAFTS, drafts);
    if (!withdrawn.isEmpty()) {
      jdbc.execute(
          (Connection connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(DELETE_WITHDRAWN)) {
              int n = withdrawn.size();
              Long[] meetingIds = new Long[n];
              String[] segmentIds = new String[n];
              Long[] revisions = new Long[n];
              for (int i = 0; i < n; i++) {
                meetingIds[i] = withdrawn.get(i).meetingId();
                segmentIds[i] = withdrawn.get(i).segment().segmentId();
                revisions[i] = withdrawn.get(i).segment().revision();
              }
              statement.setArray(1, array(connection, "int8", meetingIds));
              statement.setArray(2, array(connection, "text", segmentIds));
              statement.setArray(3, array(connection, "int8", revisions));
              return statement.executeUpdate();
            }
          });
    }
    return written;
  }

  private int insert(String sql, List<FlushRow> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    Integer written =
        jdbc.execute(
            (Connection connection) -> {
              try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int n = rows.size();
                Long[] meetingIds = new Long[n];
                String[] segmentIds = new String[n];
                String[] sessions = new String[n];
                Double[] starts = new Double[n];
                Double[] ends = new Double[n];
                String[] texts = new String[n];
                String[] speakers = new String[n];
                String[] languages = new String[n];
                Long[] revisions = new Long[n];
                for (int i = 0; i < n; i++) {
                  FlushRow row = rows.get(i);
                  HotSegment s = row.segment();
                  meetingIds[i] = row.meetingId();
                  segmentIds[i] = s.segmentId();
                  sessions[i] = s.sessionUid();
                  starts[i] = s.start();
                  ends[i] = s.end();
                  texts[i] = s.text();
                  speakers[i] = s.speaker();
                  languages[i] = s.language();
                  revisions[i] = s.revision();
                }
                statement.setArray(1, array(connection, "int8", meetingIds));
                statement.setArray(2, array(connection, "text", segmentIds));
                statement.setArray(3, array(connection, "text", sessions));
                statement.setArray(4, array(connection, "float8", starts));
                statement.setArray(5, array(connection, "float8", ends));
                statement.setArray(6, array(connection, "text", texts));
                statement.setArray(7, array(connection, "text", speakers));
                statement.setArray(8, array(connection, "text", languages));
                statement.setArray(9, array(connection, "int8", revisions));
                return statement.executeUpdate();
              }
            });
    return written == null ? 0 : written;
  }

  /** Number of stored segments and the latest end of the meeting's transcript. */
  Stats stats(long meetingId) {
    return jdbc.queryForObject(
        "SELECT count(*), COALESCE(max(end_time), 0) FROM segments WHERE meeting_id = ?",
        (rs, row) -> new Stats(rs.getLong(1), rs.getDouble(2)),
        meetingId);
  }

  /** Deletes every segment of a meeting. */
  void deleteMeeting(long meetingId) {
    jdbc.update("DELETE FROM segments WHERE meeting_id = ?", meetingId);
  }

  private static Array array(Connection connection, String type, Object[] values)
      throws SQLException {
    return connection.createArrayOf(type, values);
  }

  /**
   * A segment on its way to PostgreSQL.
   *
   * @param meetingId its meeting
   * @param segment the hot version being written
   */
  record FlushRow(long meetingId, HotSegment segment) {}

  /**
   * Totals of a stored transcript.
   *
   * @param segments number of segments
   * @param maxEnd latest end (s)
   */
  record Stats(long segments, double maxEnd) {}
}
