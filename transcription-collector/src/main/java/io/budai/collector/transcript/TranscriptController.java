package io.budai.collector.transcript;

import io.budai.collector.meeting.Meeting;
import io.budai.collector.meeting.MeetingService;
import io.budai.platform.web.CallerIdentity;
import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Transcript reads for the caller's own meetings, and the internal read for other services. */
@RestController
class TranscriptController {

  private final MeetingService meetings;
  private final TranscriptService transcripts;

  TranscriptController(MeetingService meetings, TranscriptService transcripts) {
    this.meetings = meetings;
    this.transcripts = transcripts;
  }

  @Operation(
      summary = "The transcript of the caller's latest meeting for a platform and native id",
      description =
          "?meeting_id= selects an exact meeting; ?since=<next_since> returns only segments added"
              + " or changed since an earlier read.")
  @GetMapping("/transcripts/{platform}/{nativeMeetingId}")
  TranscriptResponse byNativeId(
      CallerIdentity caller,
      @PathVariable String platform,
      @PathVariable String nativeMeetingId,
      @RequestParam(name = "meeting_id", required = false) @Nullable Long meetingId,
      @RequestParam(required = false) @Nullable String since) {
    String user = caller.requireUser();
    Meeting meeting;
    if (meetingId != null) {
      meeting = meetings.owned(user, meetingId);
      if (!platform.equals(meeting.platform())
          || !nativeMeetingId.equals(meeting.nativeMeetingId())) {
        throw io.budai.collector.meeting.MeetingNotFoundException.forNative(
            platform, nativeMeetingId);
      }
    } else {
      meeting = meetings.latestOwned(user, platform, nativeMeetingId);
    }
    return transcripts.read(meeting, since);
  }

  @Operation(summary = "The transcript of one of the caller's meetings by id")
  @GetMapping("/transcripts/by-id/{meetingId}")
  TranscriptResponse byId(
      CallerIdentity caller,
      @PathVariable long meetingId,
      @RequestParam(required = false) @Nullable String since) {
    return transcripts.read(meetings.owned(caller.requireUser(), meetingId), since);
  }

  @Operation(summary = "Any meeting's transcript (services: orchestrator, communicator)")
  @GetMapping("/internal/transcripts/{meetingId}")
  TranscriptResponse internal(
      @PathVariable long meetingId, @RequestParam(required = false) @Nullable String since) {
    return transcripts.read(meetings.get(meetingId), since);
  }
}
