package io.budai.admin.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers pending webhook deliveries, at least once: each poll claims due rows with {@code FOR
 * UPDATE SKIP LOCKED} (so replicas never send the same attempt twice) and hides them for a lease
 * while they are attempted. A 2xx answer marks a delivery delivered; anything else is retried with
 * exponential back-off (honouring {@code Retry-After}) until it is older than {@code max-age}, then
 * marked failed. Redirects are not followed, so a redirect cannot lead past the SSRF guard.
 */
@Component
class WebhookDispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final JdbcClient jdbc;
  private final Webhooks webhooks;
  private final WebhookProperties properties;
  private final UrlGuard guard;
  private final HttpClient http;
  private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

  WebhookDispatcher(JdbcClient jdbc, Webhooks webhooks, WebhookProperties properties) {
    this.jdbc = jdbc;
    this.webhooks = webhooks;
    this.properties = properties;
    this.guard = new UrlGuard(properties.allowPrivate());
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** A claimed delivery. */
  record Due(
      long id,
      long userId,
      String eventId,
      String eventType,
      String body,
      int attempts,
      Instant createdAt) {}

  @Scheduled(
      fixedDelayString = "${budai.admin.webhooks.poll-interval:1s}",
      initialDelayString = "${budai.admin.webhooks.poll-interval:1s}")
  void dispatchDue() {
    List<Due> due;
    try {
      due = claim();
    } catch (RuntimeException e) {
      log.warn("Could not claim due webhook deliveries: {}", e.toString());
      return;
    }
    List<java.util.concurrent.Future<?>> running =
        due.stream()
            .map(d -> senders.submit(() -> attempt(d)))
            .<java.util.concurrent.Future<?>>map(f -> f)
            .toList();
    for (java.util.concurrent.Future<?> future : running) {
      try {
        future.get();
      } catch (Exception e) {
        log.warn("Webhook attempt failed unexpectedly: {}", e.toString());
      }
    }
  }

  List<Due> claim() {
    return jdbc.sql(
            """
            UPDATE webhook_deliveries d
            SET next_attempt_at = now() + make_interval(secs => :lease)
            FROM (SELECT id FROM webhook_deliveries
                  WHERE status = 'pending' AND next_attempt_at <= now()
                  ORDER BY next_attempt_at LIMIT :batch FOR UPDATE SKIP LOCKED) due
            WHERE d.id = due.id
            RETURNING d.id, d.user_id, d.event_id, d.event_type, d.body, d.attempts, d.created_at""")
        .param("lease", (double) properties.lease().toMillis() / 1000.0)
        .param("batch", properties.batchSize())
        .query(
            (rs, row) ->
                new Due(
                    rs.getLong("id"),
                    rs.getLong("user_id"),
                    rs.getString("event_id"),
                    rs.getString("event_type"),
                    rs.getString("body"),
                    rs.getInt("attempts"),
                    rs.getTimestamp("created_at").toInstant()))
        .list();
  }

  void attempt(Due due) {
    Optional<Webhooks.Webhook> webhook = webhooks.find(due.userId());
    if (webhook.isEmpty()) {
      finish(due, "failed", null, "The user removed the webhook.", null);
      return;
    }
    String url = webhook.get().url();
    Optional<UrlGuard.Refusal> refusal = guard.check(url);
    if (refusal.isPresent()) {
      if (refusal.get() instanceof UrlGuard.Refusal.Unresolved) {
        retry(due, url, null, refusal.get().reason(), null);
      } else {
        finish(due, "failed", null, "Refused: " + refusal.get().reason(), url);
      }
      return;
    }
    long timestamp = Instant.now().getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url.trim()))
            .timeout(properties.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "BudAI-Webhooks/1")
            .header("X-Webhook-Id", due.eventId())
            .header("X-Webhook-Event", due.eventType())
            .header("X-Webhook-Attempt", String.valueOf(due.attempts() + 1))
            .header(WebhookSigner.TIMESTAMP_HEADER, String.valueOf(timestamp))
            .header(
                WebhookSigner.SIGNATURE_HEADER,
                WebhookSigner.sign(webhook.get().secret(), timestamp, due.body()))
            .POST(HttpRequest.BodyPublishers.ofString(due.body(), StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        finish(due, "delivered", status, null, url);
      } else {
        Duration retryAfter =
            response
                .headers()
                .firstValue("Retry-After")
                .map(WebhookDispatcher::seconds)
                .orElse(null);
        retry(due, url, status, "The receiver answered HTTP " + status + ".", retryAfter);
      }
    } catch (IOException e) {
      retry(due, url, null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      retry(due, url, null, "Interrupted while delivering.", null);
    }
  }

  private void retry(
      Due due, String url, @Nullable Integer status, String error, @Nullable Duration retryAfter) {
    Duration delay = backoff(due.attempts() + 1);
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      delay =
          retryAfter.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : retryAfter;
    }
    Instant next = Instant.now().plus(delay);
    if (next.isAfter(due.createdAt().plus(properties.maxAge()))) {
      finish(due, "failed", status, error + " Gave up after " + properties.maxAge() + ".", url);
      return;
    }
    jdbc.sql(
            """
            UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = now(),
              last_status_code = :status, last_error = :error, url = :url, next_attempt_at = :next
            WHERE id = :id""")
        .param("id", due.id())
        .param("status", status)
        .param("error", truncate(error))
        .param("url", url)
        .param("next", Timestamp.from(next))
        .update();
  }

  private void finish(
      Due due,
      String status,
      @Nullable Integer code,
      @Nullable String error,
      @Nullable String url) {
    jdbc.sql(
            """
            UPDATE webhook_deliveries SET status = :status, attempts = attempts + 1,
              last_attempt_at = now(), last_status_code = :code, last_error = :error,
              url = COALESCE(:url, url),
              delivered_at = CASE WHEN :status = 'delivered' THEN now() END
            WHERE id = :id""")
        .param("id", due.id())
        .param("status", status)
        .param("code", code)
        .param("error", error == null ? null : truncate(error))
        .param("url", url)
        .update();
  }

  /** {@code initial * 2^(attempt-1)}, capped, with ±20 % jitter. */
  Duration backoff(int attempt) {
    double base =
        properties.initialBackoff().toMillis()
            * Math.pow(2, Math.min(30, Math.max(0, attempt - 1)));
    double capped = Math.min(base, properties.maxBackoff().toMillis());
    double jittered = capped * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
    return Duration.ofMillis((long) Math.min(jittered, properties.maxBackoff().toMillis()));
  }

  private static @Nullable Duration seconds(String header) {
    try {
      long value = Long.parseLong(header.trim());
      return value >= 0 ? Duration.ofSeconds(value) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String truncate(String error) {
    return error.length() > 1000 ? error.substring(0, 1000) : error;
  }

  @Override
  public void destroy() {
    senders.shutdownNow();
  }
}
