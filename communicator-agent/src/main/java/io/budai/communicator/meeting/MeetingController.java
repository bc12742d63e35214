package io.budai.communicator.meeting;

import io.budai.contracts.dto.Answer;
import io.budai.contracts.dto.AskRequest;
import io.budai.contracts.dto.MeetingBrief;
import io.budai.llm.DefaultEngine;
import io.budai.llm.EngineChoice;
import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /meetings/{id}/brief} and {@code POST /meetings/{id}/ask} (DESIGN.md §5). */
@RestController
class MeetingController {

  private final MeetingQuestions questions;
  private final DefaultEngine defaultEngine;

  MeetingController(MeetingQuestions questions, DefaultEngine defaultEngine) {
    this.questions = questions;
    this.defaultEngine = defaultEngine;
  }

  @GetMapping("/meetings/{id}/brief")
  MeetingBrief brief(
      @PathVariable String id,
      @RequestParam(required = false) @Nullable String engine,
      CallerIdentity caller) {
    return questions.brief(caller.requireUser(), id, engine(engine));
  }

  @PostMapping("/meetings/{id}/ask")
  Answer ask(@PathVariable String id, @RequestBody AskRequest request, CallerIdentity caller) {
    String user = caller.requireUser();
    if (request.question() == null || request.question().isBlank()) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-question",
          "Invalid question",
          "question is required.");
    }
    if (request.question().length() > 2000) {
      throw new ProblemException(
          HttpStatus.UNPROCESSABLE_CONTENT,
          "invalid-question",
          "Invalid question",
          "question must be at most 2000 characters.");
    }
    return questions.ask(user, id, request.question().strip(), engine(request.engine()));
  }

  private EngineChoice engine(@Nullable String value) {
    try {
      return EngineChoice.parse(value, defaultEngine.choice());
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-engine", "Invalid engine", e.getMessage());
    }
  }
}
