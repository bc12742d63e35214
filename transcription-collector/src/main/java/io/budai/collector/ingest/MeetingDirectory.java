package io.budai.collector.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.budai.collector.meeting.Meeting;
import io.budai.collector.meeting.MeetingService;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What ingest needs to know about a meeting (its owner, whether it was deleted), cached in memory:
 * the segments of a running meeting arrive several times a second and must not cost a database
 * query each. Unknown ids are remembered briefly so a stream of bogus ids cannot flood PostgreSQL.
 */
@Component
class MeetingDirectory {

  private final MeetingService meetings;
  private final Cache<Long, Optional<Info>> cache =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();
  private final Cache<Long, Boolean> unknown =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(5)).build();

  MeetingDirectory(MeetingService meetings) {
    this.meetings = meetings;
  }

  /** The meeting, or empty when it does not exist. */
  Optional<Info> find(long meetingId) {
    Optional<Info> cached = cache.getIfPresent(meetingId);
    if (cached != null) {
      return cached;
    }
    if (unknown.getIfPresent(meetingId) != null) {
      return Optional.empty();
    }
    Optional<Info> info = meetings.find(meetingId).map(Info::of);
    if (info.isPresent()) {
      cache.put(meetingId, info);
    } else {
      unknown.put(meetingId, Boolean.TRUE);
    }
    return info;
  }

  /** Forgets a meeting (deleted, or its data changed). */
  void evict(long meetingId) {
    cache.invalidate(meetingId);
  }

  /**
   * The cached facts of a meeting.
   *
   * @param id meeting id
   * @param userId owner
   * @param platform platform
   * @param nativeMeetingId the platform's id (null once deleted)
   * @param redacted whether the meeting was deleted
   */
  record Info(
      long id,
      String userId,
      String platform,
      @org.jspecify.annotations.Nullable String nativeMeetingId,
      boolean redacted) {
    static Info of(Meeting meeting) {
      return new Info(
          meeting.id(),
          meeting.userId(),
          meeting.platform(),
          meeting.nativeMeetingId(),
          meeting.redacted());
    }
  }
}
