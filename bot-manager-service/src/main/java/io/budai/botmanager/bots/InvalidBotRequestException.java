package io.budai.botmanager.bots;

import io.budai.platform.web.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * 422: a request Vexa's validators would refuse, with the field and a message a user can act on.
 */
public class InvalidBotRequestException extends ProblemException {

  public InvalidBotRequestException(String field, String detail) {
    super(
        HttpStatus.UNPROCESSABLE_CONTENT,
        "invalid-bot-request",
        "Invalid bot request",
        detail,
        Map.of("field", field));
  }
}
