package io.budai.admin.webhooks;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a domain event into a pending delivery for the user's webhook, when the user has one that
 * subscribes to the event type. The body is built once and stored, so every attempt sends (and
 * signs) the same bytes; {@code (user_id, event_id)} is unique, so a redelivered event queues
 * nothing new.
 */
@Component
class WebhookOutbox {

  private final Webhooks webhooks;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final WebhookProperties properties;

  WebhookOutbox(Webhooks webhooks, JdbcClient jdbc, JsonMapper json, WebhookProperties properties) {
    this.webhooks = webhooks;
    this.jdbc = jdbc;
    this.json = json;
    this.properties = properties;
  }

  /**
   * Queues {@code eventType} for the user; returns false when the user has no webhook for it or the
   * event was queued before.
   *
   * @param eventId stable id of the event ({@code evt_…}); receivers deduplicate on it
   */
  boolean enqueue(
      long userId, String eventId, String eventType, Instant createdAt, ObjectNode data) {
    Optional<Webhooks.Webhook> webhook = webhooks.find(userId);
    if (webhook.isEmpty() || !webhook.get().events().contains(eventType)) {
      return false;
    }
    ObjectNode envelope = json.createObjectNode();
    envelope.put("event_id", eventId);
    envelope.put("event_type", eventType);
    envelope.put("api_version", properties.apiVersion());
    envelope.put("created_at", createdAt.toString());
    envelope.set("data", data);
    return jdbc.sql(
                """
                INSERT INTO webhook_deliveries (user_id, event_id, event_type, url, body)
                VALUES (:user_id, :event_id, :event_type, :url, :body)
                ON CONFLICT (user_id, event_id) DO NOTHING""")
            .param("user_id", userId)
            .param("event_id", eventId)
            .param("event_type", eventType)
            .param("url", webhook.get().url())
            .param("body", json.writeValueAsString(envelope))
            .update()
        == 1;
  }
}
