package io.budai.admin.webhooks;

import io.budai.contracts.events.BotStatus;
import io.budai.contracts.events.BotStatusChanged;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.events.MeetingStarted;
import io.budai.platform.bus.EventHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns meeting and bot events into user webhook deliveries ({@code webhook.v1}): {@code
 * meeting.started}, {@code meeting.completed}, {@code meeting.status_change} for every bot status
 * change and {@code bot.failed} when a bot fails. The delivery's {@code event_id} derives from the
 * bus event's id, so a redelivered bus event never queues a second delivery.
 */
@Component
class WebhookEvents {

  private final WebhookOutbox outbox;
  private final JsonMapper json;

  WebhookEvents(WebhookOutbox outbox, JsonMapper json) {
    this.outbox = outbox;
    this.json = json;
  }

  @EventHandler
  void onMeetingStarted(EventEnvelope<MeetingStarted> event) {
    MeetingStarted started = event.payload();
    Long user = userOf(started.userId(), event);
    if (user == null) {
      return;
    }
    ObjectNode data = json.createObjectNode();
    data.putObject("meeting")
        .put("id", started.meetingId())
        .put("user_id", user)
        .put("platform", started.platform())
        .put("native_meeting_id", started.nativeMeetingId())
        .put("title", started.title())
        .put("status", "active");
    outbox.enqueue(
        user, eventId(event, null), WebhookEventTypes.MEETING_STARTED, event.occurredAt(), data);
  }

  @EventHandler
  void onMeetingCompleted(EventEnvelope<MeetingCompleted> event) {
    MeetingCompleted completed = event.payload();
    Long user = userOf(completed.userId(), event);
    if (user == null) {
      return;
    }
    ObjectNode data = json.createObjectNode();
    data.putObject("meeting")
        .put("id", completed.meetingId())
        .put("user_id", user)
        .put("status", "completed")
        .put("end_time", completed.endedAt().toString())
        .put("duration_s", completed.durationS())
        .put("segment_count", completed.segmentCount());
    outbox.enqueue(
        user, eventId(event, null), WebhookEventTypes.MEETING_COMPLETED, event.occurredAt(), data);
  }

  @EventHandler
  void onBotStatusChanged(EventEnvelope<BotStatusChanged> event) {
    BotStatusChanged changed = event.payload();
    Long user = userOf(null, event);
    if (user == null) {
      return;
    }
    String status = changed.status().name().toLowerCase(java.util.Locale.ROOT);
    ObjectNode data = json.createObjectNode();
    data.putObject("meeting").put("id", changed.meetingId()).put("user_id", user);
    data.putObject("bot").put("id", changed.botId());
    data.putObject("status_change")
        .put("to", status)
        .put("reason", changed.reason())
        .put("timestamp", event.occurredAt().toString())
        .put("transition_source", event.source());
    outbox.enqueue(
        user,
        eventId(event, null),
        WebhookEventTypes.MEETING_STATUS_CHANGE,
        event.occurredAt(),
        data);
    if (changed.status() == BotStatus.FAILED) {
      ObjectNode failed = json.createObjectNode();
      failed.set("meeting", data.get("meeting"));
      failed.set("bot", data.get("bot"));
      failed.put("reason", changed.reason());
      outbox.enqueue(
          user, eventId(event, "failed"), WebhookEventTypes.BOT_FAILED, event.occurredAt(), failed);
    }
  }

  /** {@code evt_<bus event id without dashes>[_suffix]}. */
  static String eventId(EventEnvelope<?> event, @Nullable String suffix) {
    String id = "evt_" + event.id().replace("-", "");
    return suffix == null ? id : id + "_" + suffix;
  }

  private static @Nullable Long userOf(@Nullable String fromPayload, EventEnvelope<?> event) {
    String raw = fromPayload != null ? fromPayload : event.userId();
    if (raw == null) {
      return null;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
