package io.budai.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.budai.contracts.BudaiHeaders;
import io.budai.test.BootChecks;
import io.budai.test.RealInfrastructure;
import io.budai.test.TestInfrastructure;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** E-mail over SMTP (Spring Mail) to a real in-process SMTP server (GreenMail). */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"budai.followup.reminder-poll=200ms", "budai.llm.engine=offline"})
@RealInfrastructure
class SmtpDeliveryIT {

  static final JsonMapper JSON = JsonMapper.builder().build();
  static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

  static {
    SMTP.start();
  }

  @LocalServerPort int port;

  @DynamicPropertySource
  static void smtp(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("budai.followup.from", () -> "BudAI <budai@example.com>");
  }

  @AfterAll
  static void stop() {
    SMTP.stop();
  }

  @Test
  void sendsMultipartMailOverSmtpOncePerIdempotencyKey() throws Exception {
    String key = "wf-" + UUID.randomUUID();
    Map<String, Object> email =
        Map.of(
            "to",
            List.of("erin@example.com"),
            "subject",
            "Recap " + key,
            "text",
            "Plain body",
            "html",
            "<p>Html body</p>");

    JsonNode first = JSON.readTree(post(email, key).body());
    JsonNode second = JSON.readTree(post(email, key).body());

    assertThat(first.get("status").asString()).isEqualTo("sent");
    assertThat(second.get("replayed").asBoolean()).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> messages("Recap " + key).size() == 1);
    MimeMessage message = messages("Recap " + key).get(0);
    assertThat(message.getFrom()[0].toString()).contains("budai@example.com");
    assertThat(message.getAllRecipients()[0].toString()).isEqualTo("erin@example.com");
    assertThat(message.getHeader("Message-ID")[0]).isEqualTo(first.get("message_id").asString());
    String raw = GreenMailUtil.getWholeMessage(message);
    assertThat(raw).contains("Plain body").contains("<p>Html body</p>").contains("multipart/");
  }

  @Test
  void firesADueReminderAsAnEmailToItsOwner() {
    String task = "Renew the domain " + UUID.randomUUID();
    Map<String, Object> item = new java.util.HashMap<>();
    item.put("text", task);
    item.put("owner", "Frank");
    item.put("due", "2020-02-02");
    item.put("confidence", 0.8);
    Map<String, Object> summary =
        Map.of(
            "overview", "The team reviewed infrastructure.",
            "key_points", List.of(),
            "decisions", List.of(),
            "action_items", List.of(item),
            "risks", List.of());
    HttpResponse<String> draft =
        BootChecks.send(
            authed("/followup")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        JSON.writeValueAsString(
                            Map.of(
                                "meeting_id",
                                "m-smtp",
                                "title",
                                "Infra",
                                "summary",
                                summary,
                                "attendees",
                                List.of(Map.of("name", "Frank", "email", "frank@example.com")))))));
    assertThat(draft.statusCode()).as(draft.body()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              List<MimeMessage> reminders = messages("Reminder: " + task);
              assertThat(reminders).hasSize(1);
              assertThat(reminders.get(0).getAllRecipients()[0].toString())
                  .isEqualTo("frank@example.com");
            });
  }

  static List<MimeMessage> messages(String subject) {
    return Arrays.stream(SMTP.getReceivedMessages())
        .filter(
            m -> {
              try {
                return subject.equals(m.getSubject());
              } catch (Exception e) {
                return false;
              }
            })
        .toList();
  }

  HttpRequest.Builder authed(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header(BudaiHeaders.INTERNAL_TOKEN, TestInfrastructure.INTERNAL_TOKEN);
  }

  HttpResponse<String> post(Object body, String key) {
    return BootChecks.send(
        authed("/email/send")
            .header("Content-Type", "application/json")
            .header(BudaiHeaders.IDEMPOTENCY_KEY, key)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }
}
