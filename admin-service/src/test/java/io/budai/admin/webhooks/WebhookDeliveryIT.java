package io.budai.admin.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.admin.AdminHttp;
import io.budai.admin.AdminHttp.Reply;
import io.budai.contracts.events.BotStatus;
import io.budai.contracts.events.BotStatusChanged;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.events.MeetingStarted;
import io.budai.platform.bus.EventPublisher;
import io.budai.test.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed, retried webhook delivery to a local receiver. Private targets are allowed here (the
 * receiver listens on loopback); the refusal of private targets is tested where they are not.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "budai.admin.admin-token=" + AdminHttp.ADMIN_TOKEN,
      "budai.admin.webhooks.allow-private=true",
      "budai.admin.webhooks.initial-backoff=200ms",
      "budai.admin.webhooks.poll-interval=100ms"
    })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RealInfrastructure(postgres = true)
class WebhookDeliveryIT {

  @LocalServerPort int port;
  @Autowired WebhookOutbox outbox;
  @Autowired JsonMapper json;
  @Autowired EventPublisher publisher;
  AdminHttp http;

  @BeforeEach
  void client() {
    http = new AdminHttp(port);
  }

  @Test
  void deliversASignedEventAndRetriesAfterAServerError() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(500)) {
      long user = createUser("hooked@example.com");
      Reply saved =
          http.asUser(
              user,
              "PUT",
              "/user/webhook",
              "{\"webhook_url\":\"" + receiver.url() + "\",\"webhook_secret\":\"s3cret-s3cret\"}");
      assertThat(saved.status()).as(saved.body()).isEqualTo(200);
      assertThat(saved.json().get("data").get("webhook_url").asString()).isEqualTo(receiver.url());
      assertThat(saved.json().has("webhook_secret")).isFalse();

      assertThat(
              outbox.enqueue(
                  user,
                  "evt_0001",
                  "meeting.completed",
                  Instant.parse("2026-08-01T10:00:00Z"),
                  json.createObjectNode().put("meeting_id", "m-1")))
          .isTrue();
      // The same event again queues nothing: receivers see one event_id, possibly retried.
      assertThat(
              outbox.enqueue(
                  user, "evt_0001", "meeting.completed", Instant.now(), json.createObjectNode()))
          .isFalse();

      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 2);
      WebhookReceiver.Received first = receiver.received().get(0);
      WebhookReceiver.Received second = receiver.received().get(1);
      assertThat(second.body()).isEqualTo(first.body());
      for (WebhookReceiver.Received received : receiver.received()) {
        String timestamp = received.header("X-Webhook-Timestamp");
        assertThat(received.header("X-Webhook-Signature"))
            .isEqualTo("sha256=" + hmac("s3cret-s3cret", timestamp + "." + received.body()));
        assertThat(Long.parseLong(timestamp))
            .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
      }
      JsonNode body = json.readTree(second.body());
      assertThat(body.get("event_id").asString()).isEqualTo("evt_0001");
      assertThat(body.get("event_type").asString()).isEqualTo("meeting.completed");
      assertThat(body.get("api_version").asString()).isEqualTo("2026-03-01");
      assertThat(body.get("created_at").asString()).isEqualTo("2026-08-01T10:00:00Z");
      assertThat(body.get("data").get("meeting_id").asString()).isEqualTo("m-1");
      assertThat(first.header("X-Webhook-Attempt")).isEqualTo("1");
      assertThat(second.header("X-Webhook-Attempt")).isEqualTo("2");

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                JsonNode delivery = deliveries(user).get(0);
                assertThat(delivery.get("status").asString()).isEqualTo("delivered");
                assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
                assertThat(delivery.get("last_status_code").asInt()).isEqualTo(200);
                assertThat(delivery.get("event_id").asString()).isEqualTo("evt_0001");
              });
    }
  }

  @Test
  void keepsTheFailureInTheDeliveryLogWhileRetrying() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(503, 503, 503, 503, 503, 503)) {
      long user = createUser("failing@example.com");
      http.asUser(user, "PUT", "/user/webhook", "{\"webhook_url\":\"" + receiver.url() + "\"}");
      outbox.enqueue(user, "evt_fail", "meeting.completed", Instant.now(), json.createObjectNode());
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                JsonNode delivery = deliveries(user).get(0);
                assertThat(delivery.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
                assertThat(delivery.get("status").asString()).isEqualTo("pending");
                assertThat(delivery.get("last_status_code").asInt()).isEqualTo(503);
                assertThat(delivery.get("last_error").asString()).contains("503");
                assertThat(delivery.get("next_attempt_at").isNull()).isFalse();
              });
      Reply pending = http.asUser(user, "GET", "/user/webhook/deliveries?status=pending", null);
      assertThat(pending.json().get("deliveries").size()).isEqualTo(1);
      assertThat(http.asUser(user, "GET", "/user/webhook/deliveries?status=nope", null).status())
          .isEqualTo(400);
    }
  }

  @Test
  void deliversOnlySubscribedEventsAndGeneratesASecretWhenNoneIsGiven() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      long user = createUser("subscriber@example.com");
      Reply saved =
          http.asUser(
              user,
              "PUT",
              "/user/webhook",
              "{\"webhook_url\":\""
                  + receiver.url()
                  + "\",\"webhook_events\":{\"meeting.started\":true,\"meeting.completed\":false}}");
      assertThat(saved.status()).as(saved.body()).isEqualTo(200);
      String secret = saved.json().get("webhook_secret").asString();
      assertThat(secret).startsWith("whsec_");

      Reply view = http.asUser(user, "GET", "/user/webhook", null);
      assertThat(view.json().get("events").toString()).isEqualTo("[\"meeting.started\"]");
      assertThat(view.json().get("has_secret").asBoolean()).isTrue();
      assertThat(view.body()).doesNotContain(secret);

      assertThat(
              outbox.enqueue(
                  user, "evt_c", "meeting.completed", Instant.now(), json.createObjectNode()))
          .isFalse();
      assertThat(
              outbox.enqueue(
                  user, "evt_s", "meeting.started", Instant.now(), json.createObjectNode()))
          .isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);
      WebhookReceiver.Received received = receiver.received().getFirst();
      assertThat(received.header("X-Webhook-Signature"))
          .isEqualTo(
              "sha256="
                  + hmac(secret, received.header("X-Webhook-Timestamp") + "." + received.body()));

      // Removing the webhook: the user's data no longer names it.
      Reply removed = http.asUser(user, "PUT", "/user/webhook", "{\"webhook_url\":null}");
      assertThat(removed.status()).isEqualTo(200);
      assertThat(removed.json().get("data").has("webhook_url")).isFalse();
      assertThat(http.asUser(user, "GET", "/user/webhook", null).json().get("webhook_url").isNull())
          .isTrue();
    }
  }

  @Test
  void deliversMeetingAndBotEventsFromTheBus() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      long user = createUser("events@example.com");
      http.asUser(
          user,
          "PUT",
          "/user/webhook",
          "{\"webhook_url\":\""
              + receiver.url()
              + "\",\"webhook_secret\":\"bus-secret\",\"events\":[\"meeting.completed\",\"bot.failed\"]}");
      EventEnvelope<MeetingCompleted> completed =
          publisher.publish(
              new MeetingCompleted(
                  "meeting-9",
                  String.valueOf(user),
                  Instant.parse("2026-08-01T11:00:00Z"),
                  1800,
                  42,
                  null),
              String.valueOf(user));
      publisher.publish(
          new BotStatusChanged("bot-1", "meeting-9", BotStatus.FAILED, "admission timed out"),
          String.valueOf(user));
      // Not subscribed: no delivery.
      publisher.publish(
          new MeetingStarted(
              "meeting-9", String.valueOf(user), "google_meet", "abc-defg-hij", null),
          String.valueOf(user));

      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() >= 2);
      JsonNode meeting =
          receiver.received().stream()
              .map(r -> json.readTree(r.body()))
              .filter(b -> b.get("event_type").asString().equals("meeting.completed"))
              .findFirst()
              .orElseThrow();
      assertThat(meeting.get("event_id").asString())
          .isEqualTo("evt_" + completed.id().replace("-", ""));
      assertThat(meeting.get("data").get("meeting").get("id").asString()).isEqualTo("meeting-9");
      assertThat(meeting.get("data").get("meeting").get("segment_count").asInt()).isEqualTo(42);
      JsonNode failed =
          receiver.received().stream()
              .map(r -> json.readTree(r.body()))
              .filter(b -> b.get("event_type").asString().equals("bot.failed"))
              .findFirst()
              .orElseThrow();
      assertThat(failed.get("data").get("reason").asString()).isEqualTo("admission timed out");
      assertThat(receiver.received())
          .noneSatisfy(r -> assertThat(r.body()).contains("meeting.started"));
      for (WebhookReceiver.Received received : receiver.received()) {
        assertThat(received.header("X-Webhook-Signature"))
            .isEqualTo(
                "sha256="
                    + hmac(
                        "bus-secret",
                        received.header("X-Webhook-Timestamp") + "." + received.body()));
      }
    }
  }

  @Test
  void refusesInvalidWebhookSettings() {
    long user = createUser("invalid@example.com");
    for (String body :
        new String[] {
          "{\"webhook_url\":\"ftp://example.com/x\"}",
          "{\"webhook_url\":\"not a url\"}",
          "{\"webhook_url\":42}",
          "{\"webhook_url\":\"https://example.com/x\",\"events\":[\"meeting.exploded\"]}",
          "{\"webhook_url\":\"https://example.com/x\",\"webhook_events\":{\"meeting.started\":\"yes\"}}",
          "[]"
        }) {
      Reply reply = http.asUser(user, "PUT", "/user/webhook", body);
      assertThat(reply.status()).as(body + " → " + reply.body()).isEqualTo(400);
      assertThat(reply.contentType()).startsWith("application/problem+json");
    }
    assertThat(http.internal("GET", "/user/webhook", null).status()).isEqualTo(401);
  }

  private JsonNode deliveries(long user) {
    Reply reply = http.asUser(user, "GET", "/user/webhook/deliveries", null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().get("deliveries");
  }

  private long createUser(String email) {
    return http.admin("POST", "/admin/users", "{\"email\":\"" + email + "\"}")
        .json()
        .get("id")
        .asLong();
  }

  static String hmac(String secret, String payload) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
  }
}
