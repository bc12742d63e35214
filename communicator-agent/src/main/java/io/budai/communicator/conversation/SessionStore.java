package io.budai.communicator.conversation;

import io.budai.communicator.CommunicatorProperties;
import io.budai.contracts.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversation state in {@code budai:session:{id}}: a JSON string (owner, meeting in focus, the
 * last messages) whose TTL restarts with every message, so an idle conversation is forgotten.
 */
@Component
class SessionStore {

  /** One conversation. */
  record Session(
      String sessionId, String userId, @Nullable String meetingId, List<Message> messages) {

    Session with(@Nullable String meeting, Message... added) {
      List<Message> all = new ArrayList<>(messages);
      all.addAll(List.of(added));
      return new Session(sessionId, userId, meeting, all);
    }
  }

  /** One message: {@code role} is {@code user} or {@code assistant}. */
  record Message(String role, String text, String intent, String at) {}

  private static final JsonMapper JSON =
      JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private final StringRedisTemplate redis;
  private final CommunicatorProperties properties;

  SessionStore(StringRedisTemplate redis, CommunicatorProperties properties) {
    this.redis = redis;
    this.properties = properties;
  }

  Optional<Session> find(String sessionId) {
    String json = redis.opsForValue().get(RedisKeys.session(sessionId));
    return json == null ? Optional.empty() : Optional.of(JSON.readValue(json, Session.class));
  }

  void save(Session session) {
    List<Message> messages = session.messages();
    int keep = properties.sessionTurns();
    if (messages.size() > keep) {
      messages = messages.subList(messages.size() - keep, messages.size());
    }
    Session trimmed =
        new Session(
            session.sessionId(), session.userId(), session.meetingId(), List.copyOf(messages));
    redis
        .opsForValue()
        .set(
            RedisKeys.session(session.sessionId()),
            JSON.writeValueAsString(trimmed),
            properties.sessionTtl());
  }
}
