package io.budai.collector.ingest;

import io.budai.collector.CollectorProperties;
import io.budai.collector.live.LiveChannel;
import io.budai.collector.live.LiveFrames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Moves segments from the Redis hot store into PostgreSQL. A confirmed segment unchanged for {@code
 * collector.flush.confirmed-after}, or a draft unchanged for {@code collector.flush.draft-after},
 * is upserted on {@code (meeting_id, segment_id)}; only after the commit is it deleted from Redis,
 * and only if it did not change meanwhile. A crash at any point therefore loses nothing (Redis
 * still holds what PostgreSQL may lack) and duplicates nothing (the upsert is keyed and guarded by
 * revision).
 */
@Component
class Flusher {

  private final HotStore hot;
  private final SegmentRepository segments;
  private final MeetingDirectory directory;
  private final LiveFrames frames;
  private final LiveChannel live;
  private final Clock clock;
  private final CollectorProperties.Flush settings;
  private final Counter rows;
  private final Timer lag;
  private final Timer runs;
  private final Timer readPhase;
  private final Timer writePhase;
  private final Timer removePhase;
  private final Timer publishPhase;

  Flusher(
      HotStore hot,
      SegmentRepository segments,
      MeetingDirectory directory,
      LiveFrames frames,
      LiveChannel live,
      Clock clock,
      CollectorProperties properties,
      MeterRegistry meters) {
    this.hot = hot;
    this.segments = segments;
    this.directory = directory;
    this.frames = frames;
    this.live = live;
    this.clock = clock;
    this.settings = properties.flush();
    this.rows = meters.counter("collector.flush.rows");
    this.lag =
        Timer.builder("collector.flush.lag")
            .description("Time from a segment's last change to its commit in PostgreSQL")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
    this.runs = meters.timer("collector.flush.runs");
    this.readPhase = meters.timer("collector.flush.phase", "phase", "read");
    this.writePhase = meters.timer("collector.flush.phase", "phase", "write");
    this.removePhase = meters.timer("collector.flush.phase", "phase", "remove");
    this.publishPhase = meters.timer("collector.flush.phase", "phase", "publish");
  }

  /** Flushes every dirty session's meeting: segments past their threshold. */
  int flushDue() {
    return runs.record(
        () -> {
          Set<String> dirty = hot.dirtySessions();
          if (dirty.isEmpty()) {
            return 0;
          }
          Map<String, Long> owners = hot.meetingsOf(dirty);
          Set<String> orphans = new HashSet<>(dirty);
          orphans.removeAll(owners.keySet());
          hot.forgetDirty(orphans);
          Map<Long, List<String>> byMeeting = new LinkedHashMap<>();
          owners.forEach(
              (uid, meeting) ->
                  byMeeting.computeIfAbsent(meeting, m -> new ArrayList<>()).add(uid));
          return flush(byMeeting, false);
        });
  }

  /** Flushes everything the meeting holds, drafts included (the final flush). */
  int flushAll(long meetingId, List<String> sessionUids) {
    return flush(Map.of(meetingId, sessionUids), true);
  }

  private int flush(Map<Long, List<String>> sessionsByMeeting, boolean everything) {
    long now = clock.millis();
    long confirmedAfter = settings.confirmedAfter().toMillis();
    long draftAfter = settings.draftAfter().toMillis();
    List<Long> pending = new ArrayList<>(sessionsByMeeting.keySet());
    int total = 0;
    int readChunk = 500;
    for (int from = 0; from < pending.size(); from += readChunk) {
      List<Long> chunk = pending.subList(from, Math.min(pending.size(), from + readChunk));
      Map<Long, List<HotSegment>> read = readPhase.record(() -> hot.readMany(chunk));
      List<SegmentRepository.FlushRow> batch = new ArrayList<>();
      List<SegmentRepository.FlushRow> withdrawn = new ArrayList<>();
      Map<Long, List<HotSegment>> flushed = new LinkedHashMap<>();
      for (Map.Entry<Long, List<HotSegment>> entry : read.entrySet()) {
        List<HotSegment> due = new ArrayList<>();
        for (HotSegment segment : entry.getValue()) {
          long age = now - segment.updatedAtMs();
          if (everything || age >= (segment.completed() ? confirmedAfter : draftAfter)) {
            due.add(segment);
            SegmentRepository.FlushRow row =
                new SegmentRepository.FlushRow(entry.getKey(), segment);
            if (segment.text().isEmpty()) {
              withdrawn.add(row);
            } else {
              batch.add(row);
            }
          }
        }
        if (!due.isEmpty() || entry.getValue().isEmpty()) {
          flushed.put(entry.getKey(), due);
        }
        if (batch.size() + withdrawn.size() >= settings.maxBatch()) {
          total += commit(batch, withdrawn, flushed, sessionsByMeeting, now);
          batch.clear();
          withdrawn.clear();
          flushed.clear();
        }
      }
      total += commit(batch, withdrawn, flushed, sessionsByMeeting, now);
    }
    return total;
  }

  private int commit(
      List<SegmentRepository.FlushRow> batch,
      List<SegmentRepository.FlushRow> withdrawn,
      Map<Long, List<HotSegment>> flushed,
      Map<Long, List<String>> sessionsByMeeting,
      long now) {
    if (flushed.isEmpty()) {
      return 0;
    }
    writePhase.record(() -> segments.write(batch, withdrawn));
    rows.increment(batch.size());
    for (SegmentRepository.FlushRow row : batch) {
      lag.record(Math.max(0, now - row.segment().updatedAtMs()), TimeUnit.MILLISECONDS);
    }
    removePhase.record(() -> hot.removeFlushed(flushed, sessionsByMeeting));
    publishPhase.record(() -> publishFinalized(batch));
    return batch.size();
  }

  private void publishFinalized(List<SegmentRepository.FlushRow> batch) {
    Map<Long, List<LiveFrames.LiveSegment>> finalized = new HashMap<>();
    for (SegmentRepository.FlushRow row : batch) {
      HotSegment s = row.segment();
      finalized
          .computeIfAbsent(row.meetingId(), m -> new ArrayList<>())
          .add(
              new LiveFrames.LiveSegment(
                  s.segmentId(),
                  s.start(),
                  s.end(),
                  s.text(),
                  s.speaker(),
                  s.language(),
                  true,
                  s.sessionUid()));
    }
    Map<Long, String> finalFrames = new HashMap<>();
    finalized.forEach(
        (meetingId, list) ->
            directory
                .find(meetingId)
                .ifPresent(
                    meeting -> {
                      list.sort(Comparator.comparingDouble(LiveFrames.LiveSegment::start));
                      finalFrames.put(
                          meetingId,
                          frames.segments(
                              LiveFrames.FINALIZED,
                              meetingId,
                              meeting.platform(),
                              meeting.nativeMeetingId(),
                              list));
                    }));
    live.publishAll(finalFrames);
  }

  /** The interval between two periodic flushes. */
  Duration interval() {
    return settings.interval();
  }

  /** Whether this instance runs periodic flushes. */
  boolean enabled() {
    return settings.enabled();
  }
}
