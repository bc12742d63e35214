package io.budai.followup.email;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.dto.EmailSendRequest;
import io.budai.contracts.dto.EmailSendResult;
import io.budai.followup.FollowupProperties;
import io.budai.platform.web.CursorPaging;
import io.budai.platform.web.ProblemException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.http.HttpStatus;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers e-mail: over SMTP with Spring Mail when {@code SMTP_HOST} is set, else into the outbox
 * (Redis list {@code budai:outbox:email}, newest first, bounded) so nothing is silently dropped. An
 * e-mail sent for a user also goes to their outbox, {@code budai:outbox:email:user:{user_id}} (a
 * sorted set of the same JSON scored by {@code INCR budai:outbox:email:seq}, bounded alike).
 *
 * <p>A send with an idempotency key happens once: {@code SET budai:idempotency:email:{key} pending
 * NX EX} claims it, the outcome replaces the marker, and a repeated call returns the stored
 * outcome. A failed send releases the key so a retry can try again.
 */
@Service
public class EmailService {

  /** An e-mail kept in the outbox. */
  public record OutboxEntry(
      String messageId,
      List<String> to,
      String subject,
      String text,
      @Nullable String html,
      @Nullable String meetingId,
      @Nullable String idempotencyKey,
      String createdAt,
      @Nullable String userId,
      @Nullable String workflowId) {}

  /** An outbox entry of one user's outbox with its place in it (the paging cursor). */

  /**
   * Appends an entry to the outbox and, when it names a user, to that user's outbox: {@code LPUSH}
   * + {@code LTRIM} the list, {@code INCR} the counter, {@code ZADD} + {@code ZREMRANGEBYRANK} the
   * user's sorted set, all at once.
   */
  private static final RedisScript<Long> TO_OUTBOX =
      RedisScript.of(
          """
          redis.call('LPUSH', KEYS[1], ARGV[1])
          redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
          if #KEYS == 3 then
            local seq = redis.call('INCR', KEYS[2])
            redis.call('ZADD', KEYS[3], seq, ARGV[1])
            redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -tonumber(ARGV[2]) - 1)
          end
          return 1
          """,
          Long.class);

  private static final Logger log = LoggerFactory.getLogger(EmailService.class);
  private static final String PENDING = "pending";
  static final JsonMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private final @Nullable JavaMailSender mail;
  private final StringRedisTemplate redis;
  private final FollowupProperties properties;

  EmailService(
      ObjectProvider<JavaMailSender> mail,
      @Value("${spring.mail.host:}") String smtpHost,
      StringRedisTemplate redis,
      FollowupProperties properties) {
    this.mail = smtpHost.isBlank() ? null : mail.getIfAvailable();
    this.redis = redis;
    this.properties = properties;
  }

  /** Whether e-mail goes to an SMTP server (else to the outbox). */
  public boolean smtpConfigured() {
    return mail != null;
  }

  /** Sends (or outboxes) {@code request}, once per {@code idempotencyKey}. */
  public EmailSendResult send(EmailSendRequest request, @Nullable String idempotencyKey) {
    List<String> to = validate(request);
    String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.strip();
    if (key != null) {
      if (key.length() > 200) {
        throw new ProblemException(
            HttpStatus.BAD_REQUEST,
            "invalid-idempotency-key",
            "Invalid idempotency key",
            "Idempotency-Key must be at most 200 characters.");
      }
      String redisKey = RedisKeys.idempotency("email", key);
      Boolean claimed =
          redis.opsForValue().setIfAbsent(redisKey, PENDING, properties.idempotencyTtl());
      if (!Boolean.TRUE.equals(claimed)) {
        String previous = redis.opsForValue().get(redisKey);
        if (previous == null || PENDING.equals(previous)) {
          throw new ProblemException(
              HttpStatus.CONFLICT,
              "send-in-progress",
              "Send in progress",
              "A send with this Idempotency-Key is in progress; retry later.");
        }
        EmailSendResult done = JSON.readValue(previous, EmailSendResult.class);
        return new EmailSendResult(done.status(), done.messageId(), key, true);
      }
      try {
        EmailSendResult result = deliver(request, to, key);
        redis
            .opsForValue()
            .set(redisKey, JSON.writeValueAsString(result), properties.idempotencyTtl());
        return result;
      } catch (RuntimeException e) {
        redis.delete(redisKey);
        throw e;
      }
    }
    return deliver(request, to, null);
  }

  /**
   * Keeps {@code request} in the outbox without trying SMTP: for messages that have no deliverable
   * recipient yet (a reminder whose owner has no e-mail address), so they stay visible.
   */
  public EmailSendResult keepInOutbox(EmailSendRequest request, String key) {
    String redisKey = RedisKeys.idempotency("email", key);
    if (!Boolean.TRUE.equals(
        redis.opsForValue().setIfAbsent(redisKey, PENDING, properties.idempotencyTtl()))) {
      return new EmailSendResult("outboxed", "", key, true);
    }
    String messageId = "<" + UUID.randomUUID() + "@budai>";
    OutboxEntry entry =
        new OutboxEntry(
            messageId,
            request.to() == null ? List.of() : request.to(),
            request.subject() == null ? "" : request.subject(),
            request.text() == null ? "" : request.text(),
            request.html(),
            request.meetingId(),
            key,
            Instant.now().toString(),
            blank(request.userId()),
            blank(request.workflowId()));
    keep(entry);
    EmailSendResult result = new EmailSendResult("outboxed", messageId, key, false);
    redis.opsForValue().set(redisKey, JSON.writeValueAsString(result), properties.idempotencyTtl());
    return result;
  }

  /** The newest {@code limit} outbox entries. */
  public List<OutboxEntry> outbox(int limit) {
    List<String> raw = redis.opsForList().range(RedisKeys.EMAIL_OUTBOX, 0, Math.max(0, limit - 1));
    List<OutboxEntry> entries = new ArrayList<>();
    if (raw != null) {
      raw.forEach(json -> entries.add(JSON.readValue(json, OutboxEntry.class)));
    }
    return entries;
  }

  /**
   * {@code userId}'s outbox, newest first: at most {@code limit} entries older than the cursor
   * {@code before} (all when null), only those about {@code meetingId} when it is given.
   *
   * <p>{@code ZREVRANGEBYSCORE budai:outbox:email:user:{user} (before -inf WITHSCORES LIMIT 0 n}.
   */
  /** A page of the user's outbox: e-mails sent on their behalf (of {@code meetingId} if given). */
  public CursorPaging.Page<OutboxEntry> userOutbox(
      String userId, int limit, @Nullable Long cursor, @Nullable String meetingId) {
    return CursorPaging.fromSortedSet(
        redis,
        RedisKeys.emailOutboxByUser(userId),
        limit,
        cursor,
        value -> JSON.readValue(value, OutboxEntry.class),
        meetingId == null ? null : entry -> meetingId.equals(entry.meetingId()));
  }

  private void keep(OutboxEntry entry) {
    String cap = Integer.toString(properties.outboxMax());
    List<String> keys =
        entry.userId() == null
            ? List.of(RedisKeys.EMAIL_OUTBOX)
            : List.of(
                RedisKeys.EMAIL_OUTBOX,
                RedisKeys.EMAIL_OUTBOX_SEQ,
                RedisKeys.emailOutboxByUser(entry.userId()));
    redis.execute(TO_OUTBOX, keys, JSON.writeValueAsString(entry), cap);
  }

  private static @Nullable String blank(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private EmailSendResult deliver(EmailSendRequest request, List<String> to, @Nullable String key) {
    String messageId = "<" + UUID.randomUUID() + "@budai>";
    if (mail == null) {
      OutboxEntry entry =
          new OutboxEntry(
              messageId,
              to,
              request.subject(),
              request.text(),
              request.html(),
              request.meetingId(),
              key,
              Instant.now().toString(),
              blank(request.userId()),
              blank(request.workflowId()));
      keep(entry);
      log.info("No SMTP configured: e-mail {} to {} kept in the outbox", messageId, to);
      return new EmailSendResult("outboxed", messageId, key, false);
    }
    try {
      MimeMessage message = mail.createMimeMessage();
      boolean html = request.html() != null && !request.html().isBlank();
      MimeMessageHelper helper = new MimeMessageHelper(message, html, "UTF-8");
      helper.setFrom(properties.from());
      helper.setTo(to.toArray(String[]::new));
      helper.setSubject(request.subject());
      if (html) {
        helper.setText(request.text(), request.html());
      } else {
        helper.setText(request.text());
      }
      message.saveChanges();
      message.setHeader("Message-ID", messageId);
      mail.send(message);
      return new EmailSendResult("sent", messageId, key, false);
    } catch (MessagingException | MailException e) {
      log.warn("SMTP delivery failed: {}", e.toString());
      throw new ProblemException(
          HttpStatus.BAD_GATEWAY,
          "smtp-failed",
          "E-mail delivery failed",
          "The SMTP server did not accept the message: " + e.getMessage());
    }
  }

  private static List<String> validate(EmailSendRequest request) {
    List<String> errors = new ArrayList<>();
    List<String> to = new ArrayList<>();
    if (request.to() == null || request.to().isEmpty()) {
      errors.add("to: at least one recipient");
    } else {
      for (String address : request.to()) {
        try {
          InternetAddress parsed =
              new InternetAddress(address == null ? "" : address.strip(), true);
          parsed.validate();
          to.add(parsed.toString());
        } catch (AddressException e) {
          errors.add("to: '" + address + "' is not an e-mail address");
        }
      }
    }
    if (request.subject() == null || request.subject().isBlank()) {
      errors.add("subject: required");
    } else if (request.subject().contains("\n") || request.subject().contains("\r")) {
      errors.add("subject: one line");
    }
    if (request.text() == null || request.text().isBlank()) {
      errors.add("text: required");
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST, "invalid-email", "Invalid e-mail", String.join("; ", errors));
    }
    return to;
  }
}
