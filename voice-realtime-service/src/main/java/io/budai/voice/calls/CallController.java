package io.budai.voice.calls;

import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/calls}: voice calls for API users (Slack starts its own through events). */
@RestController
class CallController {

  /**
   * Body of {@code POST /api/calls}.
   *
   * @param title a name for the call (and its meeting)
   */
  record StartCall(@Nullable @Size(max = 200) String title) {}

  private final CallService calls;

  CallController(CallService calls) {
    this.calls = calls;
  }

  @Operation(
      summary = "Start a voice call",
      description =
          "Creates a meeting and a join link; participants stream audio from the link's web"
              + " client. Publishes voice.call.started.")
  @PostMapping("/api/calls")
  ResponseEntity<CallView> start(
      CallerIdentity caller, @Valid @RequestBody(required = false) @Nullable StartCall body) {
    Call call = calls.start(caller.requireUser(), body == null ? null : body.title());
    return ResponseEntity.created(URI.create("/api/calls/" + call.callId()))
        .body(CallView.of(call));
  }

  @Operation(summary = "One of the caller's calls")
  @GetMapping("/api/calls/{callId}")
  CallView get(CallerIdentity caller, @PathVariable String callId) {
    return CallView.of(owned(caller, callId));
  }

  @Operation(
      summary = "End a call",
      description =
          "Stops its streams, completes its meeting and publishes voice.call.ended; 409 when the"
              + " call has ended already.")
  @PostMapping("/api/calls/{callId}/end")
  CallView end(CallerIdentity caller, @PathVariable String callId) {
    Call call = owned(caller, callId);
    if (!calls.end(call, "ended_by_user", true)) {
      throw new ProblemException(
          HttpStatus.CONFLICT,
          "call-ended",
          "Call already ended",
          "Call " + callId + " has ended.");
    }
    return CallView.of(calls.find(callId).orElse(call));
  }

  private Call owned(CallerIdentity caller, String callId) {
    String user = caller.requireUser();
    return calls
        .find(callId)
        .filter(call -> call.userId().equals(user))
        .orElseThrow(
            () ->
                new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "call-not-found",
                    "Call not found",
                    "You have no call " + callId.replaceAll("[^A-Za-z0-9-]", "") + "."));
  }
}
