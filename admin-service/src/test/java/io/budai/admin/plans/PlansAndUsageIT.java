package io.budai.admin.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.budai.admin.AdminHttp;
import io.budai.admin.AdminHttp.Reply;
import io.budai.admin.BusStream;
import io.budai.admin.usage.UsageLedger;
import io.budai.contracts.events.EventCodec;
import io.budai.contracts.events.EventEnvelope;
import io.budai.contracts.events.UsageRecorded;
import io.budai.platform.bus.EventPublisher;
import io.budai.test.RealInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/** Plans with per-model limits, users' plans, the limit check, usage quotes and referrals. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "budai.admin.admin-token=" + AdminHttp.ADMIN_TOKEN)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@RealInfrastructure(postgres = true)
class PlansAndUsageIT {

  private static final String PRO =
      """
      {"name":"%s","description":"for teams","limits":[
        {"model":"*","max_concurrent_bots":5,"monthly_transcription_minutes":10,"monthly_llm_tokens":1000},
        {"model":"whisper-large","monthly_transcription_minutes":2}]}""";

  @LocalServerPort int port;
  @Autowired UsageLedger ledger;
  @Autowired EventPublisher publisher;
  @Autowired StringRedisTemplate redis;
  AdminHttp http;

  @BeforeEach
  void client() {
    http = new AdminHttp(port);
  }

  @Test
  void managesPlansWithPerModelLimits() {
    Reply created = http.admin("POST", "/admin/plans", PRO.formatted("pro"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().get("id").asLong();
    assertThat(created.json().get("limits").size()).isEqualTo(2);
    assertThat(created.json().get("limits").get(0).get("model").asString()).isEqualTo("*");
    assertThat(created.json().get("limits").get(0).get("monthly_llm_tokens").asLong())
        .isEqualTo(1000);

    problem(http.admin("POST", "/admin/plans", PRO.formatted("pro")), 409);
    assertThat(http.admin("GET", "/admin/plans", null).json().size()).isGreaterThanOrEqualTo(1);
    assertThat(http.admin("GET", "/admin/plans/" + id, null).json().get("name").asString())
        .isEqualTo("pro");

    Reply replaced =
        http.admin(
            "PUT",
            "/admin/plans/" + id,
            "{\"name\":\"pro-2\",\"limits\":[{\"model\":\"*\",\"max_concurrent_bots\":7}]}");
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().get("name").asString()).isEqualTo("pro-2");
    assertThat(replaced.json().get("limits").size()).isEqualTo(1);

    problem(http.admin("GET", "/admin/plans/424242", null), 404);
    problem(http.admin("PUT", "/admin/plans/424242", "{\"name\":\"x\"}"), 404);
    problem(http.admin("POST", "/admin/plans", "{\"name\":\"\"}"), 400);
    problem(
        http.admin(
            "POST",
            "/admin/plans",
            "{\"name\":\"dup\",\"limits\":[{\"model\":\"a\"},{\"model\":\"a\"}]}"),
        400);
    problem(
        http.admin(
            "POST",
            "/admin/plans",
            "{\"name\":\"neg\",\"limits\":[{\"model\":\"a\",\"monthly_llm_tokens\":-1}]}"),
        400);
    assertThat(http.admin("DELETE", "/admin/plans/" + id, null).status()).isEqualTo(204);
    problem(http.admin("DELETE", "/admin/plans/" + id, null), 404);
  }

  @Test
  void assignsPlansToUsersAndChecksLimitsAgainstUsage() {
    long user = createUser("quota@example.com");
    long plan =
        http.admin("POST", "/admin/plans", PRO.formatted("quota")).json().get("id").asLong();

    problem(http.admin("GET", "/admin/users/" + user + "/plan", null), 404);
    Reply assigned =
        http.admin("POST", "/admin/users/" + user + "/plan", "{\"plan_id\":" + plan + "}");
    assertThat(assigned.status()).as(assigned.body()).isEqualTo(201);
    assertThat(assigned.json().get("plan").get("name").asString()).isEqualTo("quota");
    problem(
        http.admin("POST", "/admin/users/" + user + "/plan", "{\"plan_id\":" + plan + "}"), 409);
    problem(http.admin("POST", "/admin/users/" + user + "/plan", "{\"plan_id\":424242}"), 404);
    problem(http.admin("POST", "/admin/users/424242/plan", "{\"plan_id\":" + plan + "}"), 404);
    problem(http.admin("DELETE", "/admin/plans/" + plan, null), 409);

    JsonNode fresh = check(user, "nova-2");
    assertThat(fresh.get("allowed").asBoolean()).isTrue();
    assertThat(fresh.get("max_concurrent_bots").asInt()).isEqualTo(5);
    assertThat(fresh.get("monthly_transcription_minutes").asInt()).isEqualTo(10);
    assertThat(fresh.get("plan").get("name").asString()).isEqualTo("quota");

    // whisper-large has a row of its own (2 minutes); other models share the "*" row (10 minutes).
    record(user, "transcription_seconds", 150, "whisper-large");
    JsonNode whisper = check(user, "whisper-large");
    assertThat(whisper.get("used_transcription_minutes").asDouble()).isEqualTo(2.5);
    assertThat(whisper.get("allowed").asBoolean()).isFalse();
    assertThat(whisper.get("reason").asString()).isEqualTo("transcription-quota-exhausted");
    assertThat(whisper.get("max_concurrent_bots").asInt()).isEqualTo(3); // the user's own
    assertThat(check(user, "nova-2").get("used_transcription_minutes").asDouble()).isZero();

    record(user, "llm_tokens", 999, "gpt-4o-mini");
    assertThat(check(user, "nova-2").get("allowed").asBoolean()).isTrue();
    record(user, "llm_tokens", 1, "gpt-4o-mini");
    assertThat(check(user, "nova-2").get("reason").asString())
        .isEqualTo("llm-token-quota-exhausted");

    Reply quote = http.asUser(user, "GET", "/usage/quote", null);
    assertThat(quote.status()).as(quote.body()).isEqualTo(200);
    assertThat(quote.json().get("plan").get("name").asString()).isEqualTo("quota");
    assertThat(quote.json().get("totals").get("llm_tokens").asDouble()).isEqualTo(1000);
    assertThat(quote.json().get("quotas").get(0).get("exhausted").asBoolean()).isTrue();
    assertThat(quote.json().get("period_start").asString()).endsWith("-01");

    Reply changed =
        http.admin(
            "PUT",
            "/admin/users/" + user + "/plan",
            "{\"plan_id\":" + plan + ",\"expires_at\":\"2000-01-01T00:00:00Z\"}");
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    // An expired plan no longer applies: the user's own limits, no monthly caps.
    JsonNode expired = check(user, "nova-2");
    assertThat(expired.get("plan").isNull()).isTrue();
    assertThat(expired.get("allowed").asBoolean()).isTrue();

    assertThat(http.admin("DELETE", "/admin/users/" + user + "/plan", null).status())
        .isEqualTo(204);
    problem(http.admin("DELETE", "/admin/users/" + user + "/plan", null), 404);
    assertThat(http.admin("DELETE", "/admin/plans/" + plan, null).status()).isEqualTo(204);
  }

  @Test
  void countsEachUsageEventOnce() {
    long user = createUser("idempotent@example.com");
    String eventId = UUID.randomUUID().toString();
    assertThat(ledger.record(eventId, String.valueOf(user), "llm_tokens", 10, "m", Instant.now()))
        .isTrue();
    assertThat(ledger.record(eventId, String.valueOf(user), "llm_tokens", 10, "m", Instant.now()))
        .isFalse();
    assertThat(
            ledger.record(
                UUID.randomUUID().toString(), "not-a-user", "llm_tokens", 10, "m", Instant.now()))
        .isFalse();
    assertThat(check(user, "m").get("used_llm_tokens").asLong()).isEqualTo(10);
  }

  @Test
  void countsUsageRecordedEventsFromTheBusOnceEvenWhenRedelivered() {
    long user = createUser("metered@example.com");
    EventEnvelope<UsageRecorded> sent =
        publisher.publish(
            new UsageRecorded(String.valueOf(user), "m-1", UsageRecorded.LLM_TOKENS, 250, "gpt-x"),
            String.valueOf(user));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> check(user, "gpt-x").get("used_llm_tokens").asLong() == 250);
    // The same event once more, as a redelivery or a replay from the dead letters would bring it.
    BusStream.add(redis, "usage.recorded", new EventCodec().encode(sent));
    publisher.publish(
        new UsageRecorded(String.valueOf(user), "m-1", UsageRecorded.LLM_TOKENS, 1, "gpt-x"),
        String.valueOf(user));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> check(user, "gpt-x").get("used_llm_tokens").asLong() == 251);
  }

  @Test
  void limitChecksAndQuotesNeedTheRightCaller() {
    long user = createUser("caller@example.com");
    problem(http.send("GET", "/internal/limits/check?user_id=" + user, null), 401);
    problem(http.internal("GET", "/internal/limits/check?user_id=abc", null), 400);
    problem(http.internal("GET", "/internal/limits/check?user_id=424242", null), 404);
    problem(http.internal("GET", "/internal/limits/check", null), 400);
    problem(http.internal("GET", "/usage/quote", null), 401);
    problem(http.send("GET", "/usage/quote", null, "X-User-Id", String.valueOf(user)), 401);
    JsonNode noPlan = check(user, null);
    assertThat(noPlan.get("plan").isNull()).isTrue();
    assertThat(noPlan.get("model").asString()).isEqualTo("*");
  }

  @Test
  void logsReferralsForAUser() {
    long user = createUser("referred@example.com");
    Reply logged =
        http.admin(
            "POST",
            "/admin/internal/log_referral",
            "{\"email\":\"referred@example.com\",\"utm_source\":\"newsletter\",\"referrer\":\"https://example.org\"}");
    assertThat(logged.status()).as(logged.body()).isEqualTo(201);
    assertThat(logged.json().get("user_id").asLong()).isEqualTo(user);
    problem(http.admin("POST", "/admin/internal/log_referral", "{\"utm_source\":\"x\"}"), 400);
    problem(
        http.admin("POST", "/admin/internal/log_referral", "{\"email\":\"nobody@example.com\"}"),
        404);
  }

  private void record(long user, String kind, double amount, String model) {
    assertThat(
            ledger.record(
                UUID.randomUUID().toString(),
                String.valueOf(user),
                kind,
                amount,
                model,
                Instant.now()))
        .isTrue();
  }

  private JsonNode check(long user, String model) {
    Reply reply =
        http.internal(
            "GET",
            "/internal/limits/check?user_id=" + user + (model == null ? "" : "&model=" + model),
            null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json();
  }

  private long createUser(String email) {
    return http.admin("POST", "/admin/users", "{\"email\":\"" + email + "\"}")
        .json()
        .get("id")
        .asLong();
  }

  static void problem(Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
  }
}
