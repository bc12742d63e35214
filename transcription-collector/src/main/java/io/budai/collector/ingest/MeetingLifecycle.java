package io.budai.collector.ingest;

import io.budai.collector.CollectorProperties;
import io.budai.collector.meeting.Meeting;
import io.budai.collector.meeting.MeetingAnnouncements;
import io.budai.collector.meeting.MeetingDeleted;
import io.budai.collector.meeting.MeetingService;
import io.budai.collector.meeting.MeetingStatus;
import io.budai.collector.meeting.MeetingStatusChanged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * What happens around a meeting's transcript as the meeting lives and ends: {@code meeting.started}
 * on its first segment or when it turns active; and, once it reached a final status and its
 * sessions ended (or {@code collector.finalize-grace} passed), the final flush, the sessions'
 * {@code usage.recorded} and — for a completed meeting — {@code meeting.completed}, exactly once. A
 * sweep finishes what a crash interrupted.
 */
@Component
class MeetingLifecycle {

  private static final Logger log = LoggerFactory.getLogger(MeetingLifecycle.class);

  private final MeetingService meetings;
  private final MeetingAnnouncements announcements;
  private final SessionRepository sessions;
  private final SegmentRepository segments;
  private final HotStore hot;
  private final Flusher flusher;
  private final MeetingDirectory directory;

  /** After-commit work runs off the committing thread, outside its finished transaction. */
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private final Clock clock;
  private final Duration grace;

  MeetingLifecycle(
      MeetingService meetings,
      MeetingAnnouncements announcements,
      SessionRepository sessions,
      SegmentRepository segments,
      HotStore hot,
      Flusher flusher,
      MeetingDirectory directory,
      Clock clock,
      CollectorProperties properties) {
    this.meetings = meetings;
    this.announcements = announcements;
    this.sessions = sessions;
    this.segments = segments;
    this.hot = hot;
    this.flusher = flusher;
    this.directory = directory;
    this.clock = clock;
    this.grace = properties.finalizeGrace();
  }

  /** A session of the meeting wrote its first segment. */
  void firstSegment(long meetingId) {
    meetings.markStarted(meetingId);
    meetings.find(meetingId).ifPresent(announcements::started);
  }

  /** A session ended: report its usage, and finalize the meeting if it is over. */
  void sessionEnded(long meetingId, String userId, String sessionUid) {
    reportUsage(meetingId, userId, sessionUid);
    finalizeIfReady(meetingId, false);
  }

  @TransactionalEventListener
  void onStatusChanged(MeetingStatusChanged change) {
    Meeting meeting = change.meeting();
    if (meeting.status() == MeetingStatus.ACTIVE) {
      executor.execute(() -> announcements.started(meeting));
    }
    if (meeting.status().isFinal()) {
      executor.execute(
          () -> {
            try {
              finalizeIfReady(meeting.id(), false);
            } catch (RuntimeException e) {
              log.warn("Finalizing meeting {} failed; the sweep retries it", meeting.id(), e);
            }
          });
    }
  }

  @TransactionalEventListener
  void onDeleted(MeetingDeleted deleted) {
    directory.evict(deleted.meetingId());
    executor.execute(
        () -> {
          hot.deleteMeeting(deleted.meetingId());
          // a flush that read the hot store before the delete may have committed since
          segments.deleteMeeting(deleted.meetingId());
        });
  }

  /** Finalizes finished meetings whose grace period ran out (also after a crash). */
  int sweep() {
    List<Long> due = meetings.unfinalizedBefore(clock.instant().minus(grace), 100);
    int done = 0;
    for (long id : due) {
      try {
        if (finalizeIfReady(id, true)) {
          done++;
        }
      } catch (RuntimeException e) {
        log.warn("Finalizing meeting {} failed; retrying on the next sweep", id, e);
      }
    }
    return done;
  }

  /**
   * Runs the final flush and the closing events of a finished meeting, unless it waits for a
   * session to end ({@code force} skips the wait). True when the meeting is finalized now.
   */
  boolean finalizeIfReady(long meetingId, boolean force) {
    Meeting meeting = meetings.find(meetingId).orElse(null);
    if (meeting == null || !meeting.status().isFinal() || meeting.finalizedAt() != null) {
      return false;
    }
    Instant now = clock.instant();
    Instant ended = meeting.endTime() == null ? meeting.updatedAt() : meeting.endTime();
    // statuses and segments travel on different streams: a meeting with an open session, or with
    // none yet (its session_start may still be on its way), waits for them up to the grace
    boolean waiting = sessions.hasOpenSessions(meetingId) || !sessions.hasSessions(meetingId);
    if (!force && waiting && ended.plus(grace).isAfter(now)) {
      return false;
    }
    List<String> uids = List.copyOf(sessions.startTimes(meetingId).keySet());
    flusher.flushAll(meetingId, uids);
    sessions.endAll(meetingId, now);
    for (String uid : sessions.unreportedSessions(meetingId)) {
      reportUsage(meetingId, meeting.userId(), uid);
    }
    if (meeting.status() == MeetingStatus.COMPLETED) {
      SegmentRepository.Stats stats = segments.stats(meetingId);
      double duration =
          meeting.startTime() != null
              ? Math.max(0, Duration.between(meeting.startTime(), ended).toMillis() / 1000.0)
              : stats.maxEnd();
      if (announcements.completed(meeting, ended, duration, (int) stats.segments())) {
        log.info("Meeting {} completed: {} segments, {} s", meetingId, stats.segments(), duration);
      }
    }
    meetings.markFinalized(meetingId);
    return true;
  }

  private void reportUsage(long meetingId, String userId, String sessionUid) {
    Map<String, String> aggregate = hot.sessionAggregate(sessionUid);
    double seconds = Double.parseDouble(aggregate.getOrDefault("max_end", "0"));
    seconds = Math.round(seconds * 1000) / 1000.0;
    if (seconds > 0) {
      announcements.usage(meetingId, userId, sessionUid, seconds, aggregate.get("model"));
    }
    sessions.claimUsage(meetingId, sessionUid, seconds);
  }
}
