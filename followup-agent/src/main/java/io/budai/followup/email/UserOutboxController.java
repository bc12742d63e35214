package io.budai.followup.email;

import io.budai.platform.web.CallerIdentity;
import io.budai.platform.web.CursorPaging;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /outbox/email}: the calling user's outbox, through the gateway (route {@code
 * outbox-email}, {@code X-API-Key}): the e-mails BudAI kept for their meetings and workflows while
 * no SMTP server is configured, newest first, paged by an opaque cursor. Only e-mails sent on the
 * user's behalf are listed; entries written before e-mails carried their user, and reminders, stay
 * in the operators' {@code GET /outbox} only.
 */
@RestController
class UserOutboxController {

  static final int DEFAULT_LIMIT = CursorPaging.DEFAULT_LIMIT;
  static final int MAX_LIMIT = CursorPaging.MAX_LIMIT;

  private final EmailService email;

  UserOutboxController(EmailService email) {
    this.email = email;
  }

  /** One e-mail of the user's outbox (the text part; the HTML part is the same content). */
  record OutboxItem(
      String id,
      List<String> to,
      String subject,
      String text,
      @Nullable String meetingId,
      @Nullable String workflowId,
      String createdAt,
      String status) {}

  /** A page of the user's outbox; {@code next_cursor} is null on the last page. */
  record OutboxPage(
      List<OutboxItem> items, int limit, @Nullable String nextCursor, boolean smtpConfigured) {}

  @GetMapping("/outbox/email")
  OutboxPage outbox(
      @RequestParam(required = false) @Nullable String limit,
      @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(name = "meeting_id", required = false) @Nullable String meetingId,
      CallerIdentity caller) {
    String userId = caller.requireUser();
    int size = CursorPaging.limit(limit);
    String meeting = meetingId == null || meetingId.isBlank() ? null : meetingId.strip();
    CursorPaging.Page<EmailService.OutboxEntry> page =
        email.userOutbox(userId, size, CursorPaging.cursor(cursor), meeting);
    List<OutboxItem> items = new ArrayList<>();
    for (EmailService.OutboxEntry entry : page.items()) {
      items.add(
          new OutboxItem(
              entry.messageId(),
              entry.to() == null ? List.of() : entry.to(),
              entry.subject() == null ? "" : entry.subject(),
              entry.text() == null ? "" : entry.text(),
              entry.meetingId(),
              entry.workflowId(),
              entry.createdAt(),
              "outboxed"));
    }
    return new OutboxPage(items, size, page.nextCursor(), email.smtpConfigured());
  }
}
