package io.budai.communicator.collector;

import io.budai.communicator.CommunicatorProperties;
import io.budai.contracts.BudaiHeaders;
import io.budai.llm.summary.Turn;
import io.budai.platform.http.ServiceClient;
import io.budai.platform.http.ServiceClients;
import io.budai.platform.web.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * transcription-collector on the user's behalf ({@code X-User-Id} over the internal path): a
 * meeting's transcript ({@code GET /transcripts/by-id/{id}}, Vexa's {@code TranscriptionResponse}),
 * search across the user's meetings ({@code GET /search?q=}) and their recent meetings ({@code GET
 * /meetings}). A meeting the user does not own is a 404, as the collector answers it.
 */
@Component
public class CollectorClient {

  /** A meeting's transcript as the collector returns it (the fields used here). */
  public record Transcript(
      long id,
      @Nullable String platform,
      @Nullable String nativeMeetingId,
      @Nullable String status,
      @Nullable List<Segment> segments) {}

  /** One transcript segment. */
  public record Segment(
      double start,
      double end,
      @Nullable String text,
      @Nullable String speaker,
      @Nullable String segmentId) {}

  /** Search results. */
  public record SearchResponse(@Nullable List<Hit> results) {}

  /** One search hit. */
  public record Hit(
      long meetingId,
      @Nullable String meetingName,
      @Nullable String segmentId,
      @Nullable String speaker,
      double start,
      double end,
      @Nullable String text) {}

  /** The user's meetings. */
  public record MeetingList(@Nullable List<MeetingRow> meetings) {}

  /** One meeting. */
  public record MeetingRow(
      long id,
      @Nullable String platform,
      @Nullable String nativeMeetingId,
      @Nullable String status,
      @Nullable String createdAt) {}

  private final ServiceClient client;

  CollectorClient(ServiceClients clients, CommunicatorProperties properties) {
    this.client =
        clients.client(
            "transcription-collector", properties.collectorUrl(), Duration.ofSeconds(10));
  }

  /** The transcript of {@code meetingId}, which {@code userId} must own. */
  public Transcript transcript(String userId, String meetingId) {
    if (!meetingId.matches("\\d{1,18}")) {
      throw notFound(meetingId);
    }
    try {
      Transcript t =
          client.call(
              true,
              rest ->
                  rest.get()
                      .uri("/transcripts/by-id/{id}", meetingId)
                      .header(BudaiHeaders.USER_ID, userId)
                      .retrieve()
                      .body(Transcript.class));
      if (t == null) {
        throw notFound(meetingId);
      }
      return t;
    } catch (HttpClientErrorException.NotFound | HttpClientErrorException.Forbidden e) {
      throw notFound(meetingId);
    }
  }

  /** Search hits of {@code query} in {@code userId}'s meetings. */
  public List<Hit> search(String userId, String query, int limit) {
    SearchResponse r =
        client.call(
            true,
            rest ->
                rest.get()
                    .uri(
                        UriComponentsBuilder.fromPath("/search")
                            .queryParam("q", query)
                            .queryParam("limit", limit)
                            .build()
                            .toUriString())
                    .header(BudaiHeaders.USER_ID, userId)
                    .retrieve()
                    .body(SearchResponse.class));
    return r == null || r.results() == null ? List.of() : r.results();
  }

  /** {@code userId}'s most recent meetings. */
  public List<MeetingRow> meetings(String userId, int limit) {
    MeetingList r =
        client.call(
            true,
            rest ->
                rest.get()
                    .uri("/meetings?limit={limit}", limit)
                    .header(BudaiHeaders.USER_ID, userId)
                    .retrieve()
                    .body(MeetingList.class));
    return r == null || r.meetings() == null ? List.of() : r.meetings();
  }

  /** The transcript's segments as turns (id = segment id, else the index). */
  public static List<Turn> turns(Transcript t) {
    List<Turn> turns = new ArrayList<>();
    if (t.segments() == null) {
      return turns;
    }
    int i = 0;
    for (Segment s : t.segments()) {
      if (s.text() != null && !s.text().isBlank()) {
        turns.add(
            new Turn(
                s.segmentId() == null ? String.valueOf(i) : s.segmentId(),
                s.speaker() == null || s.speaker().isBlank() ? "Unknown speaker" : s.speaker(),
                s.text(),
                s.start(),
                s.end()));
      }
      i++;
    }
    return turns;
  }

  private static ProblemException notFound(String meetingId) {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "meeting-not-found",
        "Meeting not found",
        "No meeting " + meetingId + " among your meetings.");
  }
}
