package io.budai.collector.live;

import io.budai.collector.meeting.Meeting;
import io.budai.collector.meeting.MeetingStatusChanged;
import io.budai.contracts.RedisKeys;
import java.util.Map;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Publishes live frames on {@code budai:live:meeting:{id}}; every collector replica with a {@code
 * /ws} subscriber for the meeting forwards them. Status changes become {@code meeting.status}
 * frames here (segment frames are published by the ingest script and the flusher).
 */
@Component
public class LiveChannel {

  private final StringRedisTemplate redis;
  private final LiveFrames frames;

  LiveChannel(StringRedisTemplate redis, LiveFrames frames) {
    this.redis = redis;
    this.frames = frames;
  }

  /** Publishes one frame. */
  public void publish(long meetingId, String frame) {
    redis.convertAndSend(RedisKeys.liveMeeting(String.valueOf(meetingId)), frame);
  }

  /** Publishes frames of several meetings in one round trip. */
  public void publishAll(Map<Long, String> framesByMeeting) {
    if (framesByMeeting.isEmpty()) {
      return;
    }
    redis.executePipelined(
        (RedisCallback<Object>)
            (RedisConnection connection) -> {
              framesByMeeting.forEach(
                  (meetingId, frame) ->
                      connection.publish(
                          RedisKeys.liveMeeting(String.valueOf(meetingId))
                              .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                          frame.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
              return null;
            });
  }

  @TransactionalEventListener
  void onStatusChanged(MeetingStatusChanged change) {
    Meeting meeting = change.meeting();
    publish(
        meeting.id(),
        frames.status(
            meeting.id(), meeting.platform(), meeting.nativeMeetingId(), meeting.status().wire()));
  }
}
