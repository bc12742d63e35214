package io.budai.collector.meeting;

import io.budai.contracts.RedisKeys;
import io.budai.contracts.events.DomainEvent;
import io.budai.contracts.events.MeetingCompleted;
import io.budai.contracts.events.MeetingStarted;
import io.budai.contracts.events.UsageRecorded;
import io.budai.platform.bus.StateChangeWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The collector's once-only domain events: {@code meeting.started}, {@code meeting.completed} and a
 * session's {@code usage.recorded}. Each is appended to {@code budai:events} by the same Lua script
 * that sets its marker in {@code budai:meeting:{id}:announced} ({@code HSETNX}), so however often a
 * finalization is retried (a redelivered status event, the sweep after a crash), the event goes out
 * exactly once.
 */
@Component
public class MeetingAnnouncements {

  /** Markers outlive any redelivery or retry of a meeting's finalization. */
  private static final Duration MARKER_TTL = Duration.ofDays(30);

  private static final String ONCE =
      """
      if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return 1
      end
      return 0""";

  private final StateChangeWriter writer;
  private final Clock clock;

  MeetingAnnouncements(StateChangeWriter writer, Clock clock) {
    this.writer = writer;
    this.clock = clock;
  }

  /** Announces that the meeting started; true when this call published it. */
  public boolean started(Meeting meeting) {
    return once(
        meeting.id(),
        "meeting.started",
        new MeetingStarted(
            String.valueOf(meeting.id()),
            meeting.userId(),
            meeting.platform(),
            meeting.nativeMeetingId() == null ? "" : meeting.nativeMeetingId(),
            meeting.dataText("name")),
        meeting.userId());
  }

  /** Announces that the meeting completed; true when this call published it. */
  public boolean completed(Meeting meeting, Instant endedAt, double durationS, int segmentCount) {
    return once(
        meeting.id(),
        "meeting.completed",
        new MeetingCompleted(
            String.valueOf(meeting.id()),
            meeting.userId(),
            endedAt,
            durationS,
            segmentCount,
            meeting.dataText("slack_channel_id")),
        meeting.userId());
  }

  /** Reports a session's transcription seconds; true when this call published it. */
  public boolean usage(
      long meetingId, String userId, String sessionUid, double seconds, @Nullable String model) {
    return once(
        meetingId,
        "usage:" + sessionUid,
        new UsageRecorded(
            userId, String.valueOf(meetingId), UsageRecorded.TRANSCRIPTION_SECONDS, seconds, model),
        userId);
  }

  private boolean once(long meetingId, String marker, DomainEvent event, String userId) {
    return writer.write(
            ONCE,
            List.of(RedisKeys.meetingAnnouncements(String.valueOf(meetingId))),
            List.of(marker, clock.instant().toString(), String.valueOf(MARKER_TTL.toSeconds())),
            List.of(event),
            userId)
        == 1;
  }
}
