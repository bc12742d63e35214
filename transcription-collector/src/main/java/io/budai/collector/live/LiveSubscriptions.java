package io.budai.collector.live;

import io.budai.contracts.RedisKeys;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Which local WebSocket sessions follow which meeting. The instance subscribes to a meeting's Redis
 * channel while at least one local session follows it, and forwards every frame verbatim.
 */
@Component
class LiveSubscriptions {

  private static final Logger log = LoggerFactory.getLogger(LiveSubscriptions.class);

  private final RedisMessageListenerContainer container;
  private final Map<Long, Follow> follows = new ConcurrentHashMap<>();

  LiveSubscriptions(RedisMessageListenerContainer container, MeterRegistry meters) {
    this.container = container;
    Gauge.builder("collector.live.meetings", follows, Map::size)
        .description("Meetings with at least one live subscriber on this instance")
        .register(meters);
  }

  /** Lets {@code session} receive the meeting's frames. */
  void subscribe(long meetingId, WebSocketSession session) {
    follows.compute(
        meetingId,
        (id, follow) -> {
          if (follow == null) {
            follow = new Follow(id);
            container.addMessageListener(
                follow, new ChannelTopic(RedisKeys.liveMeeting(String.valueOf(id))));
          }
          follow.sessions.add(session);
          return follow;
        });
  }

  /** Stops sending the meeting's frames to {@code session}. */
  void unsubscribe(long meetingId, WebSocketSession session) {
    follows.computeIfPresent(
        meetingId,
        (id, follow) -> {
          follow.sessions.remove(session);
          if (follow.sessions.isEmpty()) {
            container.removeMessageListener(
                follow, new ChannelTopic(RedisKeys.liveMeeting(String.valueOf(id))));
            return null;
          }
          return follow;
        });
  }

  /** The listener of one meeting's channel. */
  private final class Follow implements MessageListener {
    private final long meetingId;
    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

    Follow(long meetingId) {
      this.meetingId = meetingId;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
      TextMessage frame = new TextMessage(new String(message.getBody(), StandardCharsets.UTF_8));
      for (WebSocketSession session : sessions) {
        try {
          if (session.isOpen()) {
            session.sendMessage(frame);
          }
        } catch (IOException | RuntimeException e) {
          // a slow or broken client is dropped rather than allowed to hold frames back
          log.debug("Dropping live subscriber {} of meeting {}", session.getId(), meetingId, e);
          unsubscribe(meetingId, session);
          try {
            session.close(CloseStatus.SESSION_NOT_RELIABLE);
          } catch (IOException ignored) {
            // already gone
          }
        }
      }
    }
  }
}
