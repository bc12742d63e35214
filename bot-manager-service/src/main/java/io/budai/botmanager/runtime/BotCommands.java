package io.budai.botmanager.runtime;

import io.budai.contracts.RedisKeys;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vexa's bot commands on {@code budai:bot_commands:{session_uid}}: {@code {"action":"leave"}} and
 * {@code {"action":"reconfigure","uid","language","task"}}. Whichever bot-manager replica runs the
 * bot receives them.
 */
@Component
public class BotCommands {

  private final StringRedisTemplate redis;
  private final JsonMapper json;

  BotCommands(StringRedisTemplate redis, JsonMapper json) {
    this.redis = redis;
    this.json = json;
  }

  /** Tells the bot to leave. */
  public void leave(String sessionUid) {
    send(sessionUid, Map.of("action", "leave", "uid", sessionUid));
  }

  /** Tells the bot to switch language or task. */
  public void reconfigure(String sessionUid, @Nullable String language, @Nullable String task) {
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("action", "reconfigure");
    command.put("uid", sessionUid);
    command.put("language", language);
    command.put("task", task);
    send(sessionUid, command);
  }

  private void send(String sessionUid, Map<String, ?> command) {
    redis.convertAndSend(RedisKeys.botCommands(sessionUid), json.writeValueAsString(command));
  }
}
