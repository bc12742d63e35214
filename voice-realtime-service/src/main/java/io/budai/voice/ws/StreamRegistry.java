package io.budai.voice.ws;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The streams open on this instance: enforces the instance's stream limit, exports the {@code
 * voice.streams.active} gauge per kind, and announces {@link StreamOpened}/{@link StreamClosed} as
 * application events (calls use them to end a call after its last stream).
 */
@Component
public class StreamRegistry {

  /** The kinds of stream. */
  public enum Kind {
    AUDIO,
    SEGMENTS
  }

  /** A stream of {@code meetingId} opened. */
  public record StreamOpened(String meetingId, String uid, Kind kind) {}

  /** A stream of {@code meetingId} closed; {@code remaining} streams of it are still open here. */
  public record StreamClosed(String meetingId, String uid, Kind kind, long remaining) {}

  private record Entry(String meetingId, Kind kind, Consumer<String> stopper) {}

  private final ConcurrentMap<String, Entry> streams = new ConcurrentHashMap<>();
  private final int maxStreams;
  private final ApplicationEventPublisher events;

  StreamRegistry(
      io.budai.voice.VoiceProperties properties,
      MeterRegistry meters,
      ApplicationEventPublisher events) {
    this.maxStreams = properties.audio().maxStreams();
    this.events = events;
    for (Kind kind : Kind.values()) {
      Gauge.builder("voice.streams.active", streams, s -> count(s, kind))
          .description("Open streams on this instance")
          .tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
          .register(meters);
    }
  }

  /**
   * Registers a stream, or returns false when the instance is full.
   *
   * @param stopper ends the stream gracefully, telling the client why
   */
  public boolean register(String uid, String meetingId, Kind kind, Consumer<String> stopper) {
    synchronized (streams) {
      if (streams.size() >= maxStreams) {
        return false;
      }
      streams.put(uid, new Entry(meetingId, kind, stopper));
    }
    events.publishEvent(new StreamOpened(meetingId, uid, kind));
    return true;
  }

  /** Forgets a stream (idempotent). */
  public void unregister(String uid) {
    Entry entry = streams.remove(uid);
    if (entry != null) {
      events.publishEvent(
          new StreamClosed(entry.meetingId(), uid, entry.kind(), openFor(entry.meetingId())));
    }
  }

  /** Ends every stream of {@code meetingId} open here, gracefully; returns how many. */
  public int stopAll(String meetingId, String reason) {
    int stopped = 0;
    for (Entry entry : streams.values()) {
      if (entry.meetingId().equals(meetingId)) {
        entry.stopper().accept(reason);
        stopped++;
      }
    }
    return stopped;
  }

  /** Streams of one meeting open here. */
  public long openFor(String meetingId) {
    return streams.values().stream().filter(e -> e.meetingId().equals(meetingId)).count();
  }

  /** All open streams. */
  public int size() {
    return streams.size();
  }

  private static double count(ConcurrentMap<String, Entry> streams, Kind kind) {
    return streams.values().stream().filter(e -> e.kind() == kind).count();
  }
}
