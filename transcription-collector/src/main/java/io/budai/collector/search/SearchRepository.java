package io.budai.collector.search;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The search query. */
@Repository
class SearchRepository {

  /** Markers ts_headline puts around matches; control characters never occur in stored text. */
  static final String START = "\u0002";

  static final String STOP = "\u0003";

  private final JdbcClient jdbc;

  SearchRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Matches of {@code query} (web-search syntax: words, "phrases", -exclusions, or) in the user's
   * meetings, best first; the snippet is computed only for the returned page.
   */
  List<Hit> search(String userId, String query, int limit, int offset) {
    return jdbc.sql(
            """
            WITH q AS (SELECT websearch_to_tsquery('english', :query) AS query),
            page AS (
              SELECT s.id, ts_rank_cd(s.search_vector, q.query) AS rank
                FROM segments s
                JOIN meetings m ON m.id = s.meeting_id
                CROSS JOIN q
               WHERE m.user_id = :user AND s.search_vector @@ q.query
               ORDER BY rank DESC, s.meeting_id DESC, s.start_time
               LIMIT :limit OFFSET :offset)
            SELECT s.meeting_id, m.platform, m.platform_specific_id, m.data->>'name' AS name,
                   m.status, s.segment_id, s.speaker, s.start_time, s.end_time, s.text,
                   ms.session_start_time, page.rank,
                   ts_headline('english', s.text, q.query,
                               'StartSel=' || chr(2) || ', StopSel=' || chr(3)
                               || ', MaxWords=40, MinWords=15, ShortWord=2') AS snippet
              FROM page
              JOIN segments s ON s.id = page.id
              JOIN meetings m ON m.id = s.meeting_id
              LEFT JOIN meeting_sessions ms
                     ON ms.meeting_id = s.meeting_id AND ms.session_uid = s.session_uid
             CROSS JOIN q
             ORDER BY page.rank DESC, s.meeting_id DESC, s.start_time
            """)
        .param("query", query)
        .param("user", userId)
        .param("limit", limit)
        .param("offset", offset)
        .query(
            (rs, row) -> {
              OffsetDateTime sessionStart =
                  rs.getObject("session_start_time", OffsetDateTime.class);
              double start = rs.getDouble("start_time");
              return new Hit(
                  rs.getLong("meeting_id"),
                  rs.getString("platform"),
                  rs.getString("platform_specific_id"),
                  rs.getString("name"),
                  rs.getString("status"),
                  rs.getString("segment_id"),
                  rs.getString("speaker"),
                  start,
                  rs.getDouble("end_time"),
                  sessionStart == null
                      ? null
                      : sessionStart.toInstant().plusMillis((long) (start * 1000)),
                  rs.getString("text"),
                  rs.getString("snippet"),
                  rs.getDouble("rank"));
            })
        .list();
  }

  /** One matching segment. */
  record Hit(
      long meetingId,
      String platform,
      @Nullable String nativeMeetingId,
      @Nullable String meetingName,
      String meetingStatus,
      String segmentId,
      @Nullable String speaker,
      double start,
      double end,
      @Nullable Instant absoluteStartTime,
      String text,
      String snippet,
      double rank) {}
}
