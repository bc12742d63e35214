package io.budai.communicator.conversation;

import io.budai.contracts.dto.ConverseReply;
import io.budai.contracts.dto.ConverseRequest;
import io.budai.llm.DefaultEngine;
import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /converse} (DESIGN.md §5). */
@RestController
class ConverseController {

  private final Conversation conversation;
  private final DefaultEngine defaultEngine;

  ConverseController(Conversation conversation, DefaultEngine defaultEngine) {
    this.conversation = conversation;
    this.defaultEngine = defaultEngine;
  }

  @PostMapping("/converse")
  ConverseReply converse(@RequestBody ConverseRequest request, CallerIdentity caller) {
    String user = caller.userId() != null ? caller.userId() : request.userId();
    if (user == null || user.isBlank()) {
      throw new ProblemException(
          HttpStatus.UNAUTHORIZED,
          "missing-user",
          "No user",
          "user_id (or X-User-Id) is required.");
    }
    if (caller.userId() != null
        && request.userId() != null
        && !caller.userId().equals(request.userId())) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "user-mismatch",
          "User mismatch",
          "user_id differs from the caller's user.");
    }
    if (request.sessionId() == null || !request.sessionId().matches("[A-Za-z0-9:._-]{1,200}")) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-session",
          "Invalid session id",
          "session_id must be 1 to 200 characters of letters, digits and :._-");
    }
    if (request.text() == null || request.text().isBlank() || request.text().length() > 4000) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-text",
          "Invalid text",
          "text must hold 1 to 4000 characters.");
    }
    return conversation.converse(
        request.sessionId(), user, request.text().strip(), defaultEngine.choice());
  }
}
