package io.budai.collector.search;

import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code GET /search?q=&limit=&offset=}: ranked full-text search over the caller's stored
 * transcripts. Snippets are HTML-escaped with matches wrapped in {@code <mark>}, so a client can
 * render them as they are.
 */
@RestController
class SearchController {

  private final SearchRepository search;

  SearchController(SearchRepository search) {
    this.search = search;
  }

  @Operation(
      summary = "Search the caller's meetings",
      description =
          "Web-search syntax: words, \"a phrase\", -excluded, or. Results are ranked, with the"
              + " meeting, speaker, time and a highlighted snippet.")
  @GetMapping("/search")
  SearchResponse search(
      CallerIdentity caller,
      @RequestParam(name = "q", required = false) @Nullable String query,
      @RequestParam(defaultValue = "10") int limit,
      @RequestParam(defaultValue = "0") int offset) {
    String user = caller.requireUser();
    if (query == null || query.isBlank() || query.length() > 500) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-query",
          "Invalid query",
          "q must hold 1 to 500 characters.");
    }
    if (limit < 1 || limit > 100 || offset < 0 || offset > 10_000) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-paging",
          "Invalid paging",
          "limit must be between 1 and 100 and offset between 0 and 10000.");
    }
    String cleaned = query.replaceAll("\\p{Cntrl}", " ").trim();
    List<SearchRepository.Hit> hits = search.search(user, cleaned, limit + 1, offset);
    boolean hasMore = hits.size() > limit;
    List<Result> results =
        hits.stream()
            .limit(limit)
            .map(
                hit ->
                    new Result(
                        hit.meetingId(),
                        hit.platform(),
                        hit.nativeMeetingId(),
                        hit.meetingName(),
                        hit.meetingStatus(),
                        hit.segmentId(),
                        hit.speaker(),
                        hit.start(),
                        hit.end(),
                        hit.absoluteStartTime(),
                        hit.text(),
                        highlight(hit.snippet()),
                        Math.round(hit.rank() * 10_000) / 10_000.0))
            .toList();
    return new SearchResponse(cleaned, results, hasMore, limit, offset);
  }

  /** HTML-escapes the snippet, then turns the match markers into {@code <mark>} tags. */
  static String highlight(String snippet) {
    return HtmlUtils.htmlEscape(snippet.replaceAll("\\s+", " ").trim())
        .replace(SearchRepository.START, "<mark>")
        .replace(SearchRepository.STOP, "</mark>");
  }

  /**
   * The answer of {@code /search}.
   *
   * @param query the query as run
   * @param results matches, best first
   * @param hasMore whether another page follows
   * @param limit page size
   * @param offset offset
   */
  record SearchResponse(
      String query, List<Result> results, boolean hasMore, int limit, int offset) {}

  /**
   * One match.
   *
   * @param meetingId the meeting
   * @param platform its platform
   * @param nativeMeetingId its native id
   * @param meetingName its name, if set
   * @param meetingStatus its status
   * @param segmentId the matching segment
   * @param speaker who said it
   * @param start seconds from the session start
   * @param end seconds from the session start
   * @param absoluteStartTime wall-clock time
   * @param text the segment's full text
   * @param snippet HTML-safe excerpt with matches in {@code <mark>}
   * @param rank relevance (higher is better)
   */
  record Result(
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
