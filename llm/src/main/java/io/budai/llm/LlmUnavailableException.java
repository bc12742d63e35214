package io.budai.llm;

import io.budai.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/** The caller asked for an LLM ({@code engine=llm}) and none could answer: a 503 problem. */
public final class LlmUnavailableException extends ProblemException {

  public LlmUnavailableException(String detail) {
    super(HttpStatus.SERVICE_UNAVAILABLE, "llm-unavailable", "LLM unavailable", detail);
  }
}
