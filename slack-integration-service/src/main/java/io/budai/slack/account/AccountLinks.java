package io.budai.slack.account;

import io.budai.contracts.RedisKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Which BudAI account each Slack user linked. Only a hash reference of the API key is kept.
 *
 * <p>Redis: {@code budai:slack:link:{team}:{slack_user}} (hash: {@code user_id}, {@code scopes},
 * {@code key_ref}, {@code expires_at}, {@code linked_at}), {@code
 * budai:slack:links-by-user:{user_id}} and {@code budai:slack:links-by-key:{sha256}} (sets of
 * {@code team:slack_user}), written together in one script.
 */
@Component
public class AccountLinks {

  private static final RedisScript<Long> LINK =
      RedisScript.of(
          """
          local old = redis.call('HMGET', KEYS[1], 'user_id', 'key_ref')
          if old[1] then redis.call('SREM', ARGV[1] .. old[1], ARGV[3]) end
          if old[2] then redis.call('SREM', ARGV[2] .. old[2], ARGV[3]) end
          redis.call('DEL', KEYS[1])
          redis.call('HSET', KEYS[1], unpack(ARGV, 6))
          redis.call('SADD', ARGV[1] .. ARGV[4], ARGV[3])
          redis.call('SADD', ARGV[2] .. ARGV[5], ARGV[3])
          return 1
          """,
          Long.class);

  private static final RedisScript<Long> UNLINK =
      RedisScript.of(
          """
          local old = redis.call('HMGET', KEYS[1], 'user_id', 'key_ref')
          if old[1] then redis.call('SREM', ARGV[1] .. old[1], ARGV[3]) end
          if old[2] then redis.call('SREM', ARGV[2] .. old[2], ARGV[3]) end
          return redis.call('DEL', KEYS[1])
          """,
          Long.class);

  private static final String BY_USER_PREFIX = RedisKeys.Slack.linksByUser("");
  private static final String BY_KEY_PREFIX = RedisKeys.Slack.linksByKey("");

  private final StringRedisTemplate redis;
  private final Clock clock;

  AccountLinks(StringRedisTemplate redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  /** The account {@code slackUserId} linked, unless there is none or its key has expired. */
  public Optional<LinkedAccount> find(String teamId, String slackUserId) {
    Map<Object, Object> hash =
        redis.opsForHash().entries(RedisKeys.Slack.link(teamId, slackUserId));
    if (hash.isEmpty()) {
      return Optional.empty();
    }
    String expires = value(hash, "expires_at");
    Instant expiresAt = expires.isEmpty() ? null : Instant.parse(expires);
    if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
      return Optional.empty();
    }
    String scopes = value(hash, "scopes");
    return Optional.of(
        new LinkedAccount(
            teamId,
            slackUserId,
            value(hash, "user_id"),
            scopes.isEmpty() ? List.of() : Arrays.asList(scopes.split(",")),
            value(hash, "key_ref"),
            expiresAt,
            Instant.parse(value(hash, "linked_at"))));
  }

  /** Links (or re-links) a Slack user, replacing any earlier link. */
  LinkedAccount link(
      String teamId,
      String slackUserId,
      String userId,
      List<String> scopes,
      String keyRef,
      @Nullable Instant expiresAt) {
    Instant now = clock.instant();
    String member = member(teamId, slackUserId);
    Map<String, String> fields = new HashMap<>();
    fields.put("user_id", userId);
    fields.put("scopes", String.join(",", scopes));
    fields.put("key_ref", keyRef);
    fields.put("expires_at", expiresAt == null ? "" : expiresAt.toString());
    fields.put("linked_at", now.toString());
    List<String> args =
        new ArrayList<>(List.of(BY_USER_PREFIX, BY_KEY_PREFIX, member, userId, keyRef));
    fields.forEach(
        (k, v) -> {
          args.add(k);
          args.add(v);
        });
    redis.execute(LINK, List.of(RedisKeys.Slack.link(teamId, slackUserId)), args.toArray());
    return new LinkedAccount(teamId, slackUserId, userId, scopes, keyRef, expiresAt, now);
  }

  /** Removes every link made with the key whose SHA-256 is {@code keyRef} (it was revoked). */
  public int unlinkKey(String keyRef) {
    Set<String> members = redis.opsForSet().members(RedisKeys.Slack.linksByKey(keyRef));
    int removed = 0;
    if (members != null) {
      for (String member : members) {
        String[] parts = member.split(":", 2);
        Long deleted =
            redis.execute(
                UNLINK,
                List.of(RedisKeys.Slack.link(parts[0], parts[1])),
                BY_USER_PREFIX,
                BY_KEY_PREFIX,
                member);
        removed += deleted == null ? 0 : deleted.intValue();
      }
    }
    return removed;
  }

  /** The Slack users ({@code team}, {@code user}) linked to BudAI user {@code userId}. */
  public List<SlackUserRef> slackUsersOf(String userId) {
    Set<String> members = redis.opsForSet().members(RedisKeys.Slack.linksByUser(userId));
    if (members == null) {
      return List.of();
    }
    return members.stream()
        .map(m -> m.split(":", 2))
        .filter(p -> p.length == 2)
        .map(p -> new SlackUserRef(p[0], p[1]))
        .toList();
  }

  private static String member(String teamId, String slackUserId) {
    return teamId + ":" + slackUserId;
  }

  private static String value(Map<Object, Object> hash, String field) {
    Object value = hash.get(field);
    return value == null ? "" : value.toString();
  }

  /** A Slack user in a workspace. */
  public record SlackUserRef(String teamId, String slackUserId) {}
}
