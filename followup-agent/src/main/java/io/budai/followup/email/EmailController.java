package io.budai.followup.email;

import io.budai.contracts.BudaiHeaders;
import io.budai.contracts.dto.EmailSendRequest;
import io.budai.contracts.dto.EmailSendResult;
import io.budai.platform.web.CallerIdentity;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /email/send} and {@code GET /outbox}. */
@RestController
class EmailController {

  private final EmailService email;

  EmailController(EmailService email) {
    this.email = email;
  }

  @PostMapping("/email/send")
  EmailSendResult send(
      @RequestBody EmailSendRequest request,
      @RequestHeader(name = BudaiHeaders.IDEMPOTENCY_KEY, required = false) @Nullable String key,
      CallerIdentity caller) {
    if ((request.userId() == null || request.userId().isBlank()) && caller.userId() != null) {
      request =
          new EmailSendRequest(
              request.to(),
              request.subject(),
              request.text(),
              request.html(),
              request.meetingId(),
              caller.userId(),
              request.workflowId());
    }
    return email.send(request, key);
  }

  /** E-mails kept while no SMTP server is configured, newest first. */
  @GetMapping("/outbox")
  List<EmailService.OutboxEntry> outbox(@RequestParam(defaultValue = "50") int limit) {
    return email.outbox(Math.min(Math.max(limit, 1), 500));
  }
}
