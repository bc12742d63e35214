package io.budai.collector.meeting;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service meeting API (internal token only; the gateway never routes {@code
 * /internal/**}).
 */
@RestController
class InternalMeetingController {

  private final MeetingService meetings;

  InternalMeetingController(MeetingService meetings) {
    this.meetings = meetings;
  }

  @Operation(summary = "Create a requested meeting (bot-manager, before it starts a bot)")
  @PostMapping("/internal/meetings")
  @ResponseStatus(HttpStatus.CREATED)
  MeetingResponse create(@Valid @RequestBody CreateMeetingRequest request) {
    return MeetingResponse.of(meetings.create(request));
  }

  @Operation(summary = "Any meeting by id")
  @GetMapping("/internal/meetings/{meetingId}")
  MeetingResponse get(@PathVariable long meetingId) {
    return MeetingResponse.of(meetings.get(meetingId));
  }
}
