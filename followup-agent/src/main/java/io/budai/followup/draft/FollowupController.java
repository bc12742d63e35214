package io.budai.followup.draft;

import io.budai.contracts.dto.FollowupDraft;
import io.budai.contracts.dto.FollowupRequest;
import io.budai.llm.CallContext;
import io.budai.llm.DefaultEngine;
import io.budai.llm.EngineChoice;
import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /followup} (DESIGN.md §5). */
@RestController
class FollowupController {

  private final FollowupComposer composer;
  private final DefaultEngine defaultEngine;

  FollowupController(FollowupComposer composer, DefaultEngine defaultEngine) {
    this.composer = composer;
    this.defaultEngine = defaultEngine;
  }

  @PostMapping("/followup")
  FollowupDraft followup(@RequestBody FollowupRequest request, CallerIdentity caller) {
    EngineChoice choice;
    try {
      choice = EngineChoice.parse(request.engine(), defaultEngine.choice());
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-engine", "Invalid engine", e.getMessage());
    }
    if (request.summary() == null
        || request.summary().overview() == null
        || request.summary().overview().isBlank()) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-summary",
          "Invalid summary",
          "A follow-up needs the meeting's summary with an overview (the /summarize response).");
    }
    return composer.compose(request, choice, new CallContext(caller.userId(), request.meetingId()));
  }
}
