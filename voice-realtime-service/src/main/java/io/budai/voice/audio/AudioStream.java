package io.budai.voice.audio;

import io.budai.contracts.segments.Segment;
import io.budai.voice.VoiceProperties;
import io.budai.voice.auth.Caller;
import io.budai.voice.auth.MeetingInfo;
import io.budai.voice.segments.SegmentPublisher;
import io.budai.voice.segments.TranscriptSession;
import io.budai.voice.stt.SttEngine;
import io.budai.voice.stt.SttException;
import io.budai.voice.stt.SttListener;
import io.budai.voice.stt.SttRequest;
import io.budai.voice.stt.SttSession;
import io.budai.voice.stt.Transcript;
import io.budai.voice.vad.EnergyVad;
import io.budai.voice.vad.SpeechGate;
import io.budai.voice.ws.CloseCodes;
import io.budai.voice.ws.VoiceMetrics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code /ws/audio} connection. The container thread validates frames and queues them; a
 * virtual worker thread runs voice-activity detection and feeds the speech-to-text session, which
 * reports transcripts on its own threads.
 *
 * <p>Back-pressure: queued audio is bounded ({@code max-buffer} of audio time). When the engine
 * falls behind and the bound is reached, frames are dropped by the drop policy, counted in {@code
 * voice.audio.frames.dropped} and reported to the client — memory never grows with a slow engine.
 */
final class AudioStream implements SttListener {

  private static final Logger log = LoggerFactory.getLogger(AudioStream.class);

  /** What the stream shares with every other stream. */
  record Deps(
      VoiceProperties properties,
      SttEngine engine,
      SegmentPublisher segments,
      VoiceMetrics metrics,
      JsonMapper json) {}

  sealed interface Item {}

  record Audio(byte[] pcm, long arrivalNanos) implements Item {}

  record Start(
      int sampleRate,
      @Nullable String language,
      @Nullable String speaker,
      Map<Integer, String> speakers)
      implements Item {}

  record Speaker(@Nullable String name, Map<Integer, String> speakers) implements Item {}

  /** End of input: a {@code stop} frame ({@code reply}) or the client went away. */
  record Stop(boolean reply) implements Item {}

  /** End at once, without waiting for final results. */
  record Abort() implements Item {}

  private final WebSocketSession socket;
  private final Caller caller;
  private final MeetingInfo meeting;
  private final String uid;
  private final Deps deps;

  // The queue between the container thread and the worker.
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<Item> items = new ArrayDeque<>();
  private long queuedBytes;
  private long maxQueuedBytes;
  private long droppedFrames;
  private volatile boolean closing;

  // Worker state.
  private @Nullable SttSession stt;
  private @Nullable SpeechGate gate;
  private @Nullable TranscriptSession session;
  private int sampleRate;
  private @Nullable String language;
  private volatile @Nullable String speakerName;
  private final Map<Integer, String> speakers = new ConcurrentHashMap<>();
  private long receivedSamples;
  private long reportedDrops;
  private long lastDropReport;
  private volatile boolean ended;

  // Arrival time of received audio, to measure latency: [end sample, arrival nanos].
  private final ArrayDeque<long[]> arrivals = new ArrayDeque<>();

  AudioStream(WebSocketSession socket, Caller caller, MeetingInfo meeting, String uid, Deps deps) {
    this.socket = socket;
    this.caller = caller;
    this.meeting = meeting;
    this.uid = uid;
    this.deps = deps;
    this.sampleRate = deps.properties().audio().defaultSampleRate();
    this.maxQueuedBytes = bufferBytes(sampleRate);
  }

  String uid() {
    return uid;
  }

  void startWorker() {
    Thread.ofVirtual().name("audio-stream-" + uid).start(this::run);
  }

  // --- container side ---------------------------------------------------------------------

  /** Queues control or end-of-input items; they are never dropped. */
  void enqueue(Item item) {
    lock.lock();
    try {
      if (item instanceof Start start) {
        maxQueuedBytes = bufferBytes(start.sampleRate());
      }
      if (item instanceof Abort) {
        items.addFirst(item);
      } else {
        items.addLast(item);
      }
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Queues audio, applying the drop policy when the buffer is full. */
  void enqueueAudio(byte[] pcm) {
    lock.lock();
    try {
      if (queuedBytes + pcm.length > maxQueuedBytes) {
        if (deps.properties().audio().dropPolicy() == VoiceProperties.DropPolicy.DROP_NEWEST) {
          dropped(1);
          return;
        }
        int dropped = 0;
        Iterator<Item> it = items.iterator();
        while (queuedBytes + pcm.length > maxQueuedBytes && it.hasNext()) {
          if (it.next() instanceof Audio old) {
            it.remove();
            queuedBytes -= old.pcm().length;
            dropped++;
          }
        }
        dropped(dropped);
        if (queuedBytes + pcm.length > maxQueuedBytes) {
          dropped(1);
          return;
        }
      }
      queuedBytes += pcm.length;
      items.addLast(new Audio(pcm, System.nanoTime()));
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  private void dropped(int frames) {
    if (frames > 0) {
      droppedFrames += frames;
      deps.metrics().dropped(frames);
    }
  }

  /** Ends the stream as if the client had sent {@code stop}, telling it why first. */
  void stop(String reason) {
    send(Map.of("type", "ending", "reason", reason));
    enqueue(new Stop(true));
  }

  /** Closes the socket with {@code status} and ends the stream without waiting for results. */
  void close(CloseStatus status) {
    if (closing) {
      return;
    }
    closing = true;
    deps.metrics().closed("audio", status.getCode());
    try {
      if (socket.isOpen()) {
        socket.close(status);
      }
    } catch (IOException e) {
      log.debug("Closing stream {} failed", uid, e);
    }
    enqueue(new Abort());
  }

  private Item take(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long nanos = timeout.toNanos();
      while (items.isEmpty()) {
        if (nanos <= 0) {
          return null;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      Item item = items.pollFirst();
      if (item instanceof Audio audio) {
        queuedBytes -= audio.pcm().length;
      }
      return item;
    } finally {
      lock.unlock();
    }
  }

  private long bufferBytes(int rate) {
    return Math.max(
        deps.properties().audio().maxFrameBytes(),
        deps.properties().audio().maxBuffer().toMillis() * rate * 2 / 1000);
  }

  // --- worker -----------------------------------------------------------------------------

  private void run() {
    Duration tick = deps.properties().audio().tick();
    try {
      while (!ended) {
        Item item = take(tick);
        long now = System.nanoTime();
        switch (item) {
          case null -> {}
          case Start start -> begin(start);
          case Audio audio -> audio(audio);
          case Speaker speaker -> speaker(speaker);
          case Stop stop -> finish(stop.reply());
          case Abort ignored -> abort();
        }
        if (stt != null && !ended) {
          stt.tick(now);
        }
        reportDrops(now);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
    } catch (RuntimeException e) {
      log.error("Audio stream {} failed", uid, e);
      abort();
      close(CloseCodes.status(CloseCodes.SERVER_ERROR, "Internal error in the audio stream"));
    }
  }

  private void begin(Start start) {
    if (session != null) {
      send(Map.of("type", "error", "code", "already_started", "message", "Stream already started"));
      return;
    }
    sampleRate = start.sampleRate();
    language = start.language();
    speakerName = start.speaker();
    speakers.putAll(start.speakers());
    try {
      stt = deps.engine().open(new SttRequest(uid, sampleRate, language), this);
    } catch (SttException e) {
      log.warn("Stream {} could not open speech-to-text: {}", uid, e.getMessage());
      close(
          CloseCodes.status(
              CloseCodes.SERVER_ERROR, "Speech-to-text unavailable: " + e.getMessage()));
      return;
    }
    VoiceProperties.Vad vad = deps.properties().vad();
    int frameSamples = (int) (vad.frame().toMillis() * sampleRate / 1000);
    long frameMillis = Math.max(1, vad.frame().toMillis());
    EnergyVad detector =
        new EnergyVad(
            vad.thresholdDbfs(),
            vad.marginDb(),
            (int) Math.max(1, vad.minSpeech().toMillis() / frameMillis),
            (int) Math.max(1, vad.hangover().toMillis() / frameMillis),
            (int) Math.max(1, vad.noiseWindow().toMillis() / frameMillis));
    gate =
        new SpeechGate(
            detector, frameSamples, (int) (vad.preRoll().toMillis() / frameMillis), new Tap());
    session =
        new TranscriptSession(
            uid,
            meeting.id(),
            caller.userId(),
            meeting.platform(),
            meeting.nativeMeetingId(),
            language,
            deps.engine().name() + ":" + deps.engine().model(),
            Instant.now());
    if (!publish(() -> deps.segments().sessionStart(session))) {
      return;
    }
    Map<String, Object> started = new LinkedHashMap<>();
    started.put("type", "started");
    started.put("session_uid", uid);
    started.put("sample_rate", sampleRate);
    started.put("engine", deps.engine().name());
    started.put("model", deps.engine().model());
    send(started);
  }

  private void audio(Audio audio) {
    if (session == null || gate == null) {
      return;
    }
    long samples = audio.pcm().length / 2;
    receivedSamples += samples;
    synchronized (arrivals) {
      arrivals.addLast(new long[] {receivedSamples, audio.arrivalNanos()});
      long keep = 120L * sampleRate;
      while (!arrivals.isEmpty() && arrivals.peekFirst()[0] < receivedSamples - keep) {
        arrivals.pollFirst();
      }
    }
    deps.metrics().audio((double) samples / sampleRate);
    gate.accept(audio.pcm(), 0, audio.pcm().length);
  }

  private void speaker(Speaker change) {
    if (change.name() != null) {
      speakerName = change.name();
    }
    speakers.putAll(change.speakers());
  }

  private void finish(boolean reply) {
    if (ended) {
      return;
    }
    if (gate != null) {
      gate.flush();
    }
    if (stt != null) {
      stt.finish(deps.properties().audio().stopTimeout());
    }
    ended = true;
    if (session != null) {
      publish(() -> deps.segments().sessionEnd(session, reply ? "stopped" : "disconnected"));
    }
    if (reply && socket.isOpen()) {
      Map<String, Object> stopped = new LinkedHashMap<>();
      stopped.put("type", "stopped");
      stopped.put("session_uid", uid);
      stopped.put("audio_seconds", Math.round(receivedSamples * 1000.0 / sampleRate) / 1000.0);
      stopped.put("dropped_frames", droppedFrames());
      send(stopped);
      closing = true;
      deps.metrics().closed("audio", CloseStatus.NORMAL.getCode());
      try {
        socket.close(CloseStatus.NORMAL);
      } catch (IOException e) {
        log.debug("Closing stream {} failed", uid, e);
      }
    }
  }

  private void abort() {
    if (ended) {
      return;
    }
    ended = true;
    if (stt != null) {
      stt.abort();
    }
    if (session != null) {
      publish(() -> deps.segments().sessionEnd(session, "error"));
    }
  }

  private void reportDrops(long now) {
    long dropped = droppedFrames();
    if (dropped > reportedDrops && now - lastDropReport > TimeUnit.SECONDS.toNanos(1)) {
      reportedDrops = dropped;
      lastDropReport = now;
      send(
          Map.of(
              "type",
              "warning",
              "code",
              "frames_dropped",
              "message",
              "Speech-to-text is behind; audio frames were dropped",
              "dropped_frames",
              dropped));
    }
  }

  private long droppedFrames() {
    lock.lock();
    try {
      return droppedFrames;
    } finally {
      lock.unlock();
    }
  }

  /** The gate's output goes to the engine session. */
  private final class Tap implements SpeechGate.Sink {
    @Override
    public void speechStarted(long sample) {
      if (stt != null) {
        stt.speechStarted(sample);
      }
      send(Map.of("type", "vad", "speech", true, "at", seconds(sample)));
    }

    @Override
    public void frame(byte[] pcm, long startSample, boolean speech) {
      if (stt != null) {
        stt.frame(pcm, startSample, speech);
      }
    }

    @Override
    public void speechEnded(long sample) {
      if (stt != null) {
        stt.speechEnded(sample);
      }
      send(Map.of("type", "vad", "speech", false, "at", seconds(sample)));
    }
  }

  // --- engine callbacks (engine threads) --------------------------------------------------

  @Override
  public void onTranscripts(List<Transcript> transcripts) {
    TranscriptSession current = session;
    if (current == null || (ended && closing)) {
      return;
    }
    long now = System.nanoTime();
    List<Segment> segments = new ArrayList<>(transcripts.size());
    for (Transcript t : transcripts) {
      segments.add(
          new Segment(
              t.start(),
              t.end(),
              speakerFor(t.speaker()),
              t.text(),
              t.language(),
              t.completed(),
              uid + ":" + t.key()));
      if (t.completed()) {
        Long arrival = arrivalOf(Math.round(t.end() * sampleRate));
        if (arrival != null) {
          deps.metrics().sttLatency(deps.engine().name(), Duration.ofNanos(now - arrival));
        }
      }
    }
    if (!publish(() -> deps.segments().transcription(current, segments))) {
      return;
    }
    deps.metrics().segments(true, (int) segments.stream().filter(Segment::completed).count());
    deps.metrics().segments(false, (int) segments.stream().filter(s -> !s.completed()).count());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Segment s : segments) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("segment_id", s.segmentId());
      m.put("start", s.start());
      m.put("end", s.end());
      m.put("speaker", s.speaker());
      m.put("text", s.text());
      m.put("completed", s.completed());
      out.add(m);
    }
    send(Map.of("type", "transcript", "segments", out));
  }

  @Override
  public void onWarning(String code, String message) {
    send(Map.of("type", "warning", "code", code, "message", message));
  }

  @Override
  public void onFailure(String message) {
    log.warn("Speech-to-text failed for stream {}: {}", uid, message);
    close(CloseCodes.status(CloseCodes.SERVER_ERROR, "Speech-to-text failed: " + message));
  }

  private String speakerFor(@Nullable Integer index) {
    if (index != null) {
      String named = speakers.get(index);
      if (named != null) {
        return named;
      }
    }
    String name = speakerName;
    if (name != null) {
      return name;
    }
    return index == null ? "Speaker" : "Speaker " + (index + 1);
  }

  private @Nullable Long arrivalOf(long sample) {
    synchronized (arrivals) {
      long[] last = null;
      for (long[] entry : arrivals) {
        last = entry;
        if (entry[0] >= sample) {
          return entry[1];
        }
      }
      return last == null ? null : last[1];
    }
  }

  private boolean publish(Runnable write) {
    try {
      write.run();
      return true;
    } catch (RuntimeException e) {
      log.error("Stream {} could not write to the segments stream", uid, e);
      close(
          CloseCodes.status(
              CloseCodes.TRY_AGAIN_LATER, "Transcript storage is unavailable; try again shortly"));
      return false;
    }
  }

  void send(Map<String, ?> message) {
    if (!socket.isOpen()) {
      return;
    }
    try {
      socket.sendMessage(new TextMessage(deps.json().writeValueAsString(message)));
    } catch (IOException | RuntimeException e) {
      log.debug("Could not send to stream {}: {}", uid, e.toString());
    }
  }

  private double seconds(long sample) {
    return Math.round(sample * 1000.0 / sampleRate) / 1000.0;
  }
}
