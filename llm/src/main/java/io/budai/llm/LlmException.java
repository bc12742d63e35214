package io.budai.llm;

/** An LLM engine could not produce a valid answer (network, status, time limit, invalid output). */
public class LlmException extends RuntimeException {

  public LlmException(String message) {
    super(message);
  }

  public LlmException(String message, Throwable cause) {
    super(message, cause);
  }
}
