package io.budai.collector.meeting;

import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The public meetings API (through the gateway, for the caller's own meetings only). */
@RestController
class MeetingController {

  private final MeetingService meetings;

  MeetingController(MeetingService meetings) {
    this.meetings = meetings;
  }

  @Operation(summary = "The caller's meetings, newest first, a page at a time")
  @GetMapping("/meetings")
  MeetingListResponse list(
      CallerIdentity caller,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") int offset,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String platform,
      @RequestParam(name = "native_meeting_id", required = false)
          @Nullable String nativeMeetingId) {
    String user = caller.requireUser();
    Paging.check(limit, offset);
    MeetingService.MeetingPage page =
        meetings.list(user, status, platform, nativeMeetingId, limit, offset);
    return new MeetingListResponse(
        page.meetings().stream().map(MeetingResponse::slim).toList(),
        page.hasMore(),
        limit,
        offset);
  }

  @Operation(summary = "One of the caller's meetings")
  @GetMapping("/meetings/{meetingId:\\d+}")
  MeetingResponse get(CallerIdentity caller, @PathVariable long meetingId) {
    return MeetingResponse.of(meetings.owned(caller.requireUser(), meetingId));
  }

  @Operation(summary = "Merge name, participants, languages or notes into the latest meeting")
  @PatchMapping("/meetings/{platform}/{nativeMeetingId}")
  MeetingResponse patch(
      CallerIdentity caller,
      @PathVariable String platform,
      @PathVariable String nativeMeetingId,
      @Valid @RequestBody MeetingDataUpdate update) {
    return MeetingResponse.of(
        meetings.updateData(caller.requireUser(), platform, nativeMeetingId, update));
  }

  @Operation(summary = "Delete the transcript of a finished meeting and anonymize it")
  @DeleteMapping("/meetings/{platform}/{nativeMeetingId}")
  Map<String, String> delete(
      CallerIdentity caller, @PathVariable String platform, @PathVariable String nativeMeetingId) {
    return Map.of("message", meetings.delete(caller.requireUser(), platform, nativeMeetingId));
  }

  /**
   * Vexa's {@code MeetingListResponse} plus paging (Vexa #30).
   *
   * @param meetings the page, newest first
   * @param hasMore whether another page follows
   * @param limit the page size used
   * @param offset the offset used
   */
  record MeetingListResponse(
      List<MeetingResponse> meetings, boolean hasMore, int limit, int offset) {}

  /** Checks of paging parameters. */
  static final class Paging {
    private Paging() {}

    static void check(int limit, int offset) {
      if (limit < 1 || limit > 100 || offset < 0) {
        throw new ProblemException(
            HttpStatus.UNPROCESSABLE_CONTENT,
            "invalid-paging",
            "Invalid paging",
            "limit must be between 1 and 100 and offset at least 0.");
      }
    }
  }
}
