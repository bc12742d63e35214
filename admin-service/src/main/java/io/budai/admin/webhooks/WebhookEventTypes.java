package io.budai.admin.webhooks;

import java.util.List;
import java.util.Set;

/** The event types a user webhook can subscribe to (Vexa's {@code webhook.v1} names). */
final class WebhookEventTypes {

  static final String MEETING_STARTED = "meeting.started";
  static final String MEETING_COMPLETED = "meeting.completed";
  static final String MEETING_STATUS_CHANGE = "meeting.status_change";
  static final String BOT_FAILED = "bot.failed";

  static final Set<String> ALL =
      Set.of(MEETING_STARTED, MEETING_COMPLETED, MEETING_STATUS_CHANGE, BOT_FAILED);

  /** As in Vexa: without a choice, only completed meetings are delivered. */
  static final List<String> DEFAULT = List.of(MEETING_COMPLETED);

  private WebhookEventTypes() {}
}
