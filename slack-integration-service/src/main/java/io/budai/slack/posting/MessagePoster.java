package io.budai.slack.posting;

import io.budai.contracts.RedisKeys;
import io.budai.platform.web.CursorPaging;
import io.budai.slack.api.SlackApi;
import io.budai.slack.blocks.MessagePart;
import io.budai.slack.config.SlackProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Accepts messages for Slack, exactly once per idempotency key. With Slack configured a message is
 * appended to its channel's queue, which {@link PostDispatcher} drains in order; without Slack it
 * goes to the outbox, where the console and {@code GET /outbox} show it. Either way the record and
 * its queue entry are written in one Lua script, so a retried request can never post twice.
 *
 * <p>Redis: {@code budai:slack:message:{key}} (hash: {@code channel}, {@code thread_ts}, {@code
 * parts}, {@code status}, {@code sent_parts}, {@code ts}, {@code error}, {@code attempts}, {@code
 * created_at}, {@code updated_at}), {@code budai:slack:queue:{channel}} (list of keys), {@code
 * budai:slack:queues} (set of channels), {@code budai:slack:outbox} (list of JSON entries), and for
 * a message posted for a user {@code budai:slack:outbox:user:{user_id}} (sorted set of the same
 * JSON, scored by {@code INCR budai:slack:outbox:seq}, capped like the outbox: their outbox, paged
 * by that score).
 */
@Component
public class MessagePoster {

  private static final RedisScript<Long> ENQUEUE =
      RedisScript.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
          redis.call('HSET', KEYS[1], unpack(ARGV, 4))
          redis.call('EXPIRE', KEYS[1], ARGV[1])
          redis.call('RPUSH', KEYS[2], ARGV[3])
          redis.call('SADD', KEYS[3], ARGV[2])
          return 1
          """,
          Long.class);

  private static final RedisScript<Long> TO_OUTBOX =
      RedisScript.of(
          """
          if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
          redis.call('HSET', KEYS[1], unpack(ARGV, 5))
          redis.call('EXPIRE', KEYS[1], ARGV[1])
          redis.call('LPUSH', KEYS[2], ARGV[3])
          redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1)
          if ARGV[4] == '1' then
            local seq = redis.call('INCR', KEYS[3])
            redis.call('ZADD', KEYS[4], seq, ARGV[3])
            redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -tonumber(ARGV[2]) - 1)
          end
          return 1
          """,
          Long.class);

  private final StringRedisTemplate redis;
  private final SlackApi slack;
  private final SlackProperties properties;
  private final JsonMapper json;
  private final Clock clock;
  private final PostDispatcher dispatcher;

  MessagePoster(
      StringRedisTemplate redis,
      SlackApi slack,
      SlackProperties properties,
      JsonMapper json,
      Clock clock,
      PostDispatcher dispatcher) {
    this.redis = redis;
    this.slack = slack;
    this.properties = properties;
    this.json = json;
    this.clock = clock;
    this.dispatcher = dispatcher;
  }

  /**
   * Accepts {@code message}: queued for Slack, or put in the outbox when Slack is not configured. A
   * key seen before returns that message's status, marked as a duplicate, and changes nothing.
   */
  public MessageStatus post(OutgoingMessage message) {
    return post(message, Duration.ZERO);
  }

  /**
   * Like {@link #post(OutgoingMessage)}, then waits up to {@code wait} for the message to be posted
   * (or refused), so a caller usually learns Slack's {@code ts} in the same request. A message
   * still queued after that (rate limited, Slack down) keeps going in the background.
   */
  public MessageStatus post(OutgoingMessage message, Duration wait) {
    MessageStatus accepted = enqueue(message);
    if (accepted.duplicate() || accepted.settled() || wait.isZero()) {
      return accepted;
    }
    dispatcher.awaitSettled(message.idempotencyKey(), wait);
    return status(message.idempotencyKey()).orElse(accepted);
  }

  private MessageStatus enqueue(OutgoingMessage message) {
    String key = RedisKeys.Slack.message(message.idempotencyKey());
    long now = clock.millis();
    List<String> fields = new ArrayList<>();
    boolean queue = slack.configured();
    add(fields, "channel", message.channel());
    add(fields, "thread_ts", message.threadTs() == null ? "" : message.threadTs());
    add(fields, "parts", json.writeValueAsString(message.parts()));
    add(fields, "status", queue ? MessageStatus.QUEUED : MessageStatus.OUTBOX);
    add(fields, "sent_parts", "0");
    add(fields, "ts", "");
    add(fields, "error", "");
    add(fields, "attempts", "0");
    add(fields, "created_at", Long.toString(now));
    add(fields, "updated_at", Long.toString(now));
    String ttl = Long.toString(properties.messageTtl().toSeconds());
    Long created;
    if (queue) {
      List<String> args =
          new ArrayList<>(List.of(ttl, message.channel(), message.idempotencyKey()));
      args.addAll(fields);
      created =
          redis.execute(
              ENQUEUE,
              List.of(key, RedisKeys.Slack.queue(message.channel()), RedisKeys.Slack.QUEUES),
              args.toArray());
    } else {
      boolean attributed = message.userId() != null;
      List<String> args =
          new ArrayList<>(
              List.of(
                  ttl,
                  Integer.toString(properties.outboxSize()),
                  outboxEntry(message, Instant.ofEpochMilli(now)),
                  attributed ? "1" : "0"));
      args.addAll(fields);
      List<String> keys =
          attributed
              ? List.of(
                  key,
                  RedisKeys.Slack.OUTBOX,
                  RedisKeys.Slack.OUTBOX_SEQ,
                  RedisKeys.Slack.outboxByUser(message.userId()))
              : List.of(key, RedisKeys.Slack.OUTBOX);
      created = redis.execute(TO_OUTBOX, keys, args.toArray());
    }
    boolean duplicate = created == null || created == 0L;
    if (!duplicate && queue) {
      dispatcher.wake(message.channel());
    }
    MessageStatus status =
        status(message.idempotencyKey())
            .orElseThrow(() -> new IllegalStateException("message record vanished: " + key));
    return duplicate ? status.asDuplicate() : status;
  }

  /** The status of the message posted with {@code idempotencyKey}, while its record is kept. */
  public Optional<MessageStatus> status(String idempotencyKey) {
    Map<Object, Object> hash = redis.opsForHash().entries(RedisKeys.Slack.message(idempotencyKey));
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(toStatus(idempotencyKey, hash, false, json));
  }

  /** The newest {@code limit} outbox entries, newest first. */
  public List<JsonNode> outbox(int limit) {
    List<String> entries = redis.opsForList().range(RedisKeys.Slack.OUTBOX, 0, limit - 1L);
    return entries == null ? List.of() : entries.stream().map(json::readTree).toList();
  }

  /**
   * {@code userId}'s outbox, newest first: at most {@code limit} entries older than the cursor
   * {@code before} (all when null), only those about {@code meetingId} when it is given. Each entry
   * comes with its sequence number, the cursor of the next page.
   *
   * <p>{@code ZREVRANGEBYSCORE budai:slack:outbox:user:{user} (before -inf WITHSCORES LIMIT 0 n}.
   */
  /** A page of the user's outbox: messages posted for them (of {@code meetingId} if given). */
  public CursorPaging.Page<JsonNode> userOutbox(
      String userId, int limit, @Nullable Long cursor, @Nullable String meetingId) {
    return CursorPaging.fromSortedSet(
        redis,
        RedisKeys.Slack.outboxByUser(userId),
        limit,
        cursor,
        json::readTree,
        meetingId == null
            ? null
            : entry -> {
              JsonNode meeting = entry.get("meeting_id");
              return meeting != null && meeting.isString() && meetingId.equals(meeting.asString());
            });
  }

  static MessageStatus toStatus(
      String idempotencyKey, Map<Object, Object> hash, boolean duplicate, JsonMapper json) {
    String ts = string(hash, "ts");
    String error = string(hash, "error");
    List<MessagePart> parts = parts(json, string(hash, "parts"));
    List<String> partsTs = ts.isEmpty() ? List.of() : Arrays.asList(ts.split(","));
    return new MessageStatus(
        idempotencyKey,
        string(hash, "channel"),
        string(hash, "status"),
        partsTs.isEmpty() ? null : partsTs.getFirst(),
        parts.size(),
        integer(hash, "sent_parts"),
        partsTs,
        error.isEmpty() ? null : error,
        integer(hash, "attempts"),
        Instant.ofEpochMilli(Long.parseLong(string(hash, "created_at"))),
        Instant.ofEpochMilli(Long.parseLong(string(hash, "updated_at"))),
        duplicate);
  }

  static List<MessagePart> parts(JsonMapper json, String value) {
    if (value.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(json.readValue(value, MessagePart[].class));
  }

  private String outboxEntry(OutgoingMessage message, Instant at) {
    ObjectNode entry = json.createObjectNode();
    entry.put("idempotency_key", message.idempotencyKey());
    entry.put("channel", message.channel());
    entry.put("thread_ts", message.threadTs());
    entry.put("created_at", at.toString());
    entry.put("user_id", message.userId());
    entry.put("meeting_id", message.meetingId());
    entry.put("workflow_id", message.workflowId());
    ArrayNode parts = entry.putArray("parts");
    for (MessagePart part : message.parts()) {
      ObjectNode node = parts.addObject();
      node.put("text", part.text());
      node.set("blocks", part.blocks() == null ? null : json.readTree(part.blocks()));
    }
    return json.writeValueAsString(entry);
  }

  private static void add(List<String> fields, String name, String value) {
    fields.add(name);
    fields.add(value);
  }

  static String string(Map<Object, Object> hash, String field) {
    Object value = hash.get(field);
    return value == null ? "" : value.toString();
  }

  static int integer(Map<Object, Object> hash, String field) {
    String value = string(hash, field);
    return value.isEmpty() ? 0 : Integer.parseInt(value);
  }

  static @Nullable String blankToNull(String value) {
    return value.isBlank() ? null : value;
  }
}
