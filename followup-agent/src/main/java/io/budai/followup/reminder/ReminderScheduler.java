package io.budai.followup.reminder;

import io.budai.contracts.dto.EmailSendRequest;
import io.budai.contracts.dto.EmailSendResult;
import io.budai.followup.email.EmailService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fires due reminders: an e-mail to the owner (over SMTP, or into the outbox when none is
 * configured or the owner has no address). Any replica may poll; {@code ZREM} decides which one
 * fires a reminder, and the e-mail's idempotency key ({@code reminder:{id}}) keeps a retried firing
 * from sending twice.
 */
@Component
class ReminderScheduler {

  private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);

  private final ReminderStore store;
  private final EmailService email;

  ReminderScheduler(ReminderStore store, EmailService email) {
    this.store = store;
    this.email = email;
  }

  @Scheduled(
      fixedDelayString = "${budai.followup.reminder-poll:15s}",
      initialDelayString = "${budai.followup.reminder-poll:15s}")
  void fireDue() {
    List<String> due = store.due(Instant.now(), 100);
    for (String id : due) {
      if (!store.claim(id)) {
        continue;
      }
      try {
        fire(id);
      } catch (RuntimeException e) {
        log.warn("Reminder {} failed ({}); retrying in a minute", id, e.toString());
        store.retryAt(id, Instant.now().plus(Duration.ofMinutes(1)));
      }
    }
  }

  private void fire(String id) {
    Map<String, String> r = store.get(id);
    if (r.isEmpty()) {
      return;
    }
    String owner = r.getOrDefault("owner", "");
    String subject = "Reminder: " + r.getOrDefault("action_item", "an action item");
    String text =
        "Hi "
            + owner
            + ",\n\nA reminder from the meeting \""
            + r.getOrDefault("title", "")
            + "\": "
            + r.getOrDefault("action_item", "")
            + " (due "
            + r.getOrDefault("due_at", "")
            + ").\n\n— BudAI";
    String address = r.getOrDefault("email", "");
    EmailSendRequest request =
        new EmailSendRequest(
            address.isBlank() ? List.of() : List.of(address),
            subject.length() > 150 ? subject.substring(0, 150) : subject,
            text,
            null,
            r.get("meeting_id"));
    EmailSendResult result =
        address.isBlank()
            ? email.keepInOutbox(request, "reminder:" + id)
            : email.send(request, "reminder:" + id);
    store.markFired(id, result.status());
    log.info("Reminder {} for {} fired ({})", id, owner, result.status());
  }
}
