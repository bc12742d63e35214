package io.budai.botmanager.bots;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.events.BotRequested;
import io.budai.contracts.events.BotStatus;
import io.budai.contracts.events.BotStatusChanged;
import io.budai.platform.bus.StateChangeWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Bots in Redis: {@code budai:bot:{bot_id}} (hash), the owner's running set {@code
 * budai:active_bots:{user_id}}, and {@code budai:bot:external:{runtime}:{id}} for runtimes with ids
 * of their own. Every status change and the {@code bot.status.changed} event that announces it are
 * written by one script, which also enforces the lifecycle: forward only, nothing after {@code
 * ended}/{@code failed}.
 */
@Component
public class BotStore {

  /** How long an ended bot stays readable. */
  static final Duration ENDED_TTL = Duration.ofDays(1);

  /**
   * Reserves a slot under the user's limit: drops members whose bot is gone or over, then adds the
   * new bot only while the set is below the limit, and creates its hash.
   */
  private static final RedisScript<Long> RESERVE =
      RedisScript.of(
          """
          local members = redis.call('SMEMBERS', KEYS[1])
          for _, member in ipairs(members) do
            local status = redis.call('HGET', ARGV[3] .. member, 'status')
            if not status or status == 'ended' or status == 'failed' then
              redis.call('SREM', KEYS[1], member)
            end
          end
          if redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[1]) then
            return 0
          end
          redis.call('SADD', KEYS[1], ARGV[2])
          for i = 4, #ARGV, 2 do
            redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
          end
          return 1""",
          Long.class);

  private static final String TRANSITION =
      """
      local rank = {requested = 1, joining = 2, awaiting_admission = 3, in_call = 4, recording = 5,
                    leaving = 6, ended = 7, failed = 7}
      local current = redis.call('HGET', KEYS[1], 'status')
      if not current or current == 'ended' or current == 'failed' then
        return 0
      end
      if ARGV[1] ~= 'failed' and rank[ARGV[1]] <= rank[current] then
        return 0
      end
      redis.call('HSET', KEYS[1], 'status', ARGV[1], 'updated_at', ARGV[2], 'reason', ARGV[3])
      if ARGV[1] == 'ended' or ARGV[1] == 'failed' then
        redis.call('SREM', KEYS[2], ARGV[4])
        redis.call('EXPIRE', KEYS[1], ARGV[5])
      end
      return 1""";

  private static final String CREATE =
      """
      if redis.call('EXISTS', KEYS[1]) == 1 then
        return 0
      end
      for i = 1, #ARGV, 2 do
        redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
      end
      return 1""";

  private static final String ATTACH =
      """
      if redis.call('EXISTS', KEYS[1]) == 0 then
        return 0
      end
      redis.call('HSET', KEYS[1], 'meeting_id', ARGV[1])
      return 1""";

  private final StringRedisTemplate redis;
  private final StateChangeWriter writer;
  private final Clock clock;

  BotStore(StringRedisTemplate redis, StateChangeWriter writer, Clock clock) {
    this.redis = redis;
    this.writer = writer;
    this.clock = clock;
  }

  /** Creates the bot if the user runs fewer than {@code limit} bots; false when over the limit. */
  boolean reserve(Bot bot, int limit) {
    List<String> args = new ArrayList<>();
    args.add(String.valueOf(limit));
    args.add(bot.botId());
    args.add(RedisKeys.bot(""));
    fields(bot)
        .forEach(
            (k, v) -> {
              args.add(k);
              args.add(v);
            });
    Long reserved =
        redis.execute(
            RESERVE,
            List.of(RedisKeys.activeBots(bot.userId()), RedisKeys.bot(bot.botId())),
            args.toArray());
    return reserved != null && reserved == 1;
  }

  /**
   * Creates a bot that takes no concurrency slot (an import: nothing joins a call), already linked
   * to its meeting, and announces {@code bot.requested} in the same script; false when the bot
   * exists.
   */
  public boolean createAttached(Bot bot) {
    List<String> args = new ArrayList<>();
    fields(bot)
        .forEach(
            (k, v) -> {
              args.add(k);
              args.add(v);
            });
    return writer.write(
            CREATE,
            List.of(RedisKeys.bot(bot.botId())),
            args,
            List.of(
                new BotRequested(
                    bot.botId(),
                    String.valueOf(bot.meetingId()),
                    bot.userId(),
                    bot.platform(),
                    bot.nativeMeetingId(),
                    bot.botName(),
                    bot.language())),
            bot.userId())
        == 1;
  }

  /** Gives back a reservation whose meeting could not be created. */
  void release(Bot bot) {
    redis.opsForSet().remove(RedisKeys.activeBots(bot.userId()), bot.botId());
    redis.delete(RedisKeys.bot(bot.botId()));
  }

  /** Links the bot to its meeting and announces {@code bot.requested}. */
  void attach(Bot bot, long meetingId) {
    writer.write(
        ATTACH,
        List.of(RedisKeys.bot(bot.botId())),
        List.of(String.valueOf(meetingId)),
        List.of(
            new BotRequested(
                bot.botId(),
                String.valueOf(meetingId),
                bot.userId(),
                bot.platform(),
                bot.nativeMeetingId(),
                bot.botName(),
                bot.language())),
        bot.userId());
  }

  /**
   * Moves the bot to {@code status} and announces it; false when the lifecycle does not allow it
   * (already there, backwards, or over).
   */
  public boolean transition(Bot bot, BotStatus status, @Nullable String reason) {
    return writer.write(
            TRANSITION,
            List.of(RedisKeys.bot(bot.botId()), RedisKeys.activeBots(bot.userId())),
            List.of(
                Bot.wire(status),
                clock.instant().toString(),
                reason == null ? "" : reason,
                bot.botId(),
                String.valueOf(ENDED_TTL.toSeconds())),
            List.of(
                new BotStatusChanged(bot.botId(), String.valueOf(bot.meetingId()), status, reason)),
            bot.userId())
        == 1;
  }

  /** Records the runtime's own id of the bot, and the way back from it. */
  public void setExternalId(Bot bot, String externalId) {
    redis.opsForHash().put(RedisKeys.bot(bot.botId()), "external_id", externalId);
    redis
        .opsForValue()
        .set(RedisKeys.botByExternalId(bot.runtime(), externalId), bot.botId(), Duration.ofDays(7));
  }

  /** Records a runtime's detail (language after a reconfiguration, …). */
  public void put(Bot bot, String field, String value) {
    redis.opsForHash().put(RedisKeys.bot(bot.botId()), field, value);
  }

  /** Sets {@code field} once; true only for the first caller (a session start, say). */
  public boolean markOnce(Bot bot, String field) {
    return Boolean.TRUE.equals(
        redis
            .opsForHash()
            .putIfAbsent(RedisKeys.bot(bot.botId()), field, clock.instant().toString()));
  }

  /** A field of the bot's hash. */
  public @Nullable String field(Bot bot, String field) {
    Object value = redis.opsForHash().get(RedisKeys.bot(bot.botId()), field);
    return value == null ? null : value.toString();
  }

  /** The bot, if it exists. */
  public Optional<Bot> find(String botId) {
    Map<Object, Object> hash = redis.opsForHash().entries(RedisKeys.bot(botId));
    if (hash.isEmpty() || !hash.containsKey("created_at")) {
      return Optional.empty();
    }
    Map<String, String> fields = new HashMap<>();
    hash.forEach((k, v) -> fields.put(k.toString(), v.toString()));
    return Optional.of(Bot.fromHash(fields));
  }

  /** The bot a runtime knows by its own id. */
  public Optional<Bot> findByExternalId(String runtime, String externalId) {
    String botId = redis.opsForValue().get(RedisKeys.botByExternalId(runtime, externalId));
    return botId == null ? Optional.empty() : find(botId);
  }

  /** The user's running bots. */
  List<Bot> running(String userId) {
    Set<String> members = redis.opsForSet().members(RedisKeys.activeBots(userId));
    List<Bot> bots = new ArrayList<>();
    if (members != null) {
      for (String member : members) {
        find(member).filter(b -> !b.status().terminal()).ifPresent(bots::add);
      }
    }
    bots.sort((a, b) -> a.createdAt().compareTo(b.createdAt()));
    return bots;
  }

  private static Map<String, String> fields(Bot bot) {
    Map<String, String> fields = new HashMap<>();
    fields.put("bot_id", bot.botId());
    fields.put("meeting_id", String.valueOf(bot.meetingId()));
    fields.put("user_id", bot.userId());
    fields.put("platform", bot.platform());
    fields.put("native_meeting_id", bot.nativeMeetingId());
    fields.put("meeting_url", bot.meetingUrl());
    fields.put("runtime", bot.runtime());
    fields.put("status", Bot.wire(bot.status()));
    fields.put("language", bot.language() == null ? "" : bot.language());
    fields.put("task", bot.task() == null ? "" : bot.task());
    fields.put("bot_name", bot.botName() == null ? "" : bot.botName());
    fields.put("created_at", bot.createdAt().toString());
    fields.put("updated_at", bot.updatedAt().toString());
    return fields;
  }
}
