package io.budai.slack.account;

import io.budai.contracts.RedisKeys;
import io.budai.slack.blocks.MentionResolver;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Maps names said in meetings to Slack users, so a summary can mention an action item's owner. It
 * learns the names of users who link their account ({@code users.info}: real name, display name,
 * handle, first name, email). A name two users share is remembered as ambiguous and never resolved,
 * so nobody is mentioned for someone else's task.
 *
 * <p>Redis: {@code budai:slack:directory} (hash: normalized name → Slack user id, or empty when
 * ambiguous).
 */
@Component
public class SlackDirectory implements MentionResolver {

  private static final Pattern SLACK_MENTION =
      Pattern.compile("^<@([UW][A-Z0-9]{2,})(\\|[^>]*)?>$");
  private static final Pattern SLACK_ID = Pattern.compile("^[UW][A-Z0-9]{6,}$");

  private static final RedisScript<Long> REMEMBER =
      RedisScript.of(
          """
          for i = 1, #ARGV - 1 do
            local current = redis.call('HGET', KEYS[1], ARGV[i])
            if not current then
              redis.call('HSET', KEYS[1], ARGV[i], ARGV[#ARGV])
            elseif current ~= ARGV[#ARGV] then
              redis.call('HSET', KEYS[1], ARGV[i], '')
            end
          end
          return 1
          """,
          Long.class);

  private final StringRedisTemplate redis;

  SlackDirectory(StringRedisTemplate redis) {
    this.redis = redis;
  }

  /** Learns the names by which {@code slackUserId} may be called. */
  void remember(String slackUserId, Set<String> names) {
    Set<String> normalized = new LinkedHashSet<>();
    for (String name : names) {
      String n = normalize(name);
      if (n != null) {
        normalized.add(n);
      }
    }
    if (normalized.isEmpty()) {
      return;
    }
    Object[] args = new Object[normalized.size() + 1];
    int i = 0;
    for (String n : normalized) {
      args[i++] = n;
    }
    args[i] = slackUserId;
    redis.execute(REMEMBER, java.util.List.of(RedisKeys.Slack.DIRECTORY), args);
  }

  @Override
  public Optional<String> slackUserId(String name) {
    String trimmed = name.strip();
    Matcher mention = SLACK_MENTION.matcher(trimmed);
    if (mention.matches()) {
      return Optional.of(mention.group(1));
    }
    if (SLACK_ID.matcher(trimmed).matches()) {
      return Optional.of(trimmed);
    }
    String key = normalize(trimmed);
    if (key == null) {
      return Optional.empty();
    }
    Object id = redis.opsForHash().get(RedisKeys.Slack.DIRECTORY, key);
    return id == null || id.toString().isEmpty() ? Optional.empty() : Optional.of(id.toString());
  }

  static @Nullable String normalize(@Nullable String name) {
    if (name == null) {
      return null;
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    if (n.startsWith("@")) {
      n = n.substring(1);
    }
    n = n.replaceAll("\\s+", " ");
    return n.length() < 2 ? null : n;
  }
}
