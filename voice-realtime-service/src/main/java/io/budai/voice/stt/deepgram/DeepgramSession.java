package io.budai.voice.stt.deepgram;

import io.budai.voice.stt.SttException;
import io.budai.voice.stt.SttListener;
import io.budai.voice.stt.SttRequest;
import io.budai.voice.stt.SttSession;
import io.budai.voice.stt.Transcript;
import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One stream's Deepgram connection.
 *
 * <p>Deepgram's timestamps count the audio it received on this connection. Because silence may be
 * held back ({@code gate-silence}) and a dropped connection is re-opened, that clock differs from
 * the session's: {@link #mapping} records, for every contiguous run of sent audio, where it starts
 * on both clocks, and {@link #toSession} converts back.
 *
 * <p>Segment keys: interim results share the key of the utterance in progress; a final result keeps
 * that key for its first speaker run (so it replaces the draft) and takes new keys for further
 * speakers in the same result.
 */
final class DeepgramSession implements SttSession, WebSocket.Listener {

  private static final Logger log = LoggerFactory.getLogger(DeepgramSession.class);
  private static final Duration SEND_LIMIT = Duration.ofSeconds(5);

  private final DeepgramEngine engine;
  private final SttRequest request;
  private final SttListener listener;
  private final boolean gate;
  private final long keepAliveNanos;

  // Worker-thread state (audio, tick, finish).
  private @Nullable WebSocket socket;
  private long connectionSamples;
  private long lastSessionEnd = -1;
  private long lastSendNanos = System.nanoTime();
  private int reconnectsLeft;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private long pendingSince;
  private final int chunkBytes;
  private final long chunkNanos;

  // Shared with the listener thread.
  private final List<long[]> mapping = new ArrayList<>();
  private volatile boolean finishing;
  private volatile boolean broken;
  private volatile CompletableFuture<Void> closed = new CompletableFuture<>();
  private final StringBuilder text = new StringBuilder();
  private int nextKey;
  private boolean draftOpen;

  DeepgramSession(DeepgramEngine engine, SttRequest request, SttListener listener) {
    this.engine = engine;
    this.request = request;
    this.listener = listener;
    this.gate = engine.settings().gateSilence();
    this.keepAliveNanos = engine.settings().keepAlive().toNanos();
    this.reconnectsLeft = engine.settings().reconnects();
    Duration chunk = engine.settings().chunk();
    this.chunkBytes = (int) Math.max(2, chunk.toMillis() * request.sampleRate() * 2 / 1000);
    this.chunkNanos = chunk.toNanos();
  }

  void connect() {
    synchronized (mapping) {
      mapping.clear();
    }
    pending.reset();
    connectionSamples = 0;
    lastSessionEnd = -1;
    closed = new CompletableFuture<>();
    broken = false;
    socket = engine.connect(request, this);
    lastSendNanos = System.nanoTime();
  }

  // --- the worker side --------------------------------------------------------------------

  @Override
  public void speechStarted(long sample) {
    // Deepgram finds speech itself; the local VAD only decides what is worth sending.
  }

  @Override
  public void frame(byte[] pcm, long startSample, boolean speech) {
    if (gate && !speech) {
      return;
    }
    WebSocket ws = usableSocket();
    if (ws == null) {
      return;
    }
    if (startSample != lastSessionEnd) {
      synchronized (mapping) {
        mapping.add(new long[] {connectionSamples, startSample});
      }
    }
    // Frames are coalesced into chunks of about chunk-ms: far fewer WebSocket frames for the same
    // audio (Deepgram suggests 20–250 ms per message); connection time counts what was queued,
    // which is sent in order.
    if (pending.size() == 0) {
      pendingSince = System.nanoTime();
    }
    pending.write(pcm, 0, pcm.length);
    long samples = pcm.length / 2;
    connectionSamples += samples;
    lastSessionEnd = startSample + samples;
    if (pending.size() >= chunkBytes) {
      flush(ws);
    }
  }

  /** Sends the coalesced audio. */
  private void flush(WebSocket ws) {
    if (pending.size() > 0) {
      byte[] chunk = pending.toByteArray();
      pending.reset();
      send(ws.sendBinary(ByteBuffer.wrap(chunk), true));
    }
  }

  @Override
  public void speechEnded(long sample) {
    WebSocket ws = usableSocket();
    if (ws == null) {
      return;
    }
    flush(ws);
    if (engine.settings().finalizeOnSilence()) {
      send(ws.sendText("{\"type\":\"Finalize\"}", true));
    }
  }

  @Override
  public void tick(long nanoTime) {
    WebSocket ws = usableSocket();
    if (ws == null) {
      return;
    }
    if (pending.size() > 0 && nanoTime - pendingSince >= chunkNanos) {
      flush(ws);
    }
    if (nanoTime - lastSendNanos >= keepAliveNanos) {
      send(ws.sendText("{\"type\":\"KeepAlive\"}", true));
    }
  }

  @Override
  public void finish(Duration timeout) {
    finishing = true;
    WebSocket ws = socket;
    if (ws == null || broken) {
      return;
    }
    flush(ws);
    if (send(ws.sendText("{\"type\":\"CloseStream\"}", true))) {
      try {
        closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        listener.onWarning(
            "stt_timeout", "Deepgram sent no final results within " + timeout.toSeconds() + " s");
      } catch (ExecutionException e) {
        log.debug("Deepgram connection ended with an error while finishing", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    abort();
  }

  @Override
  public void abort() {
    finishing = true;
    WebSocket ws = socket;
    if (ws != null) {
      ws.abort();
    }
  }

  /** The open socket, re-opening a dropped one while reconnects are left. */
  private @Nullable WebSocket usableSocket() {
    if (!broken) {
      return socket;
    }
    if (finishing || reconnectsLeft <= 0) {
      return null;
    }
    reconnectsLeft--;
    try {
      connect();
      listener.onWarning("stt_reconnected", "The Deepgram connection dropped and was re-opened");
      return socket;
    } catch (SttException e) {
      if (reconnectsLeft <= 0) {
        listener.onFailure(e.getMessage());
      }
      return null;
    }
  }

  private boolean send(CompletableFuture<WebSocket> sending) {
    try {
      sending.get(SEND_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
      lastSendNanos = System.nanoTime();
      return true;
    } catch (ExecutionException | TimeoutException e) {
      log.debug("Sending to Deepgram failed for session {}", request.sessionUid(), e);
      markBroken("send failed: " + e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void markBroken(String why) {
    if (!broken) {
      broken = true;
      WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
      if (!finishing && reconnectsLeft <= 0) {
        listener.onFailure("The Deepgram connection failed: " + why);
      }
    }
  }

  // --- the listener side ------------------------------------------------------------------

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      String message = text.toString();
      text.setLength(0);
      try {
        handle(message);
      } catch (RuntimeException e) {
        log.warn("Ignoring a Deepgram message that could not be handled: {}", e.toString());
      }
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed.complete(null);
    if (!finishing) {
      log.info(
          "Deepgram closed session {}: {} {}", request.sessionUid(), statusCode, reason.trim());
      broken = true;
      if (reconnectsLeft <= 0) {
        listener.onFailure("Deepgram closed the stream: " + statusCode + " " + reason.trim());
      }
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed.completeExceptionally(error);
    if (!finishing) {
      log.info("Deepgram connection of session {} failed: {}", request.sessionUid(), error);
      broken = true;
      if (reconnectsLeft <= 0) {
        listener.onFailure("The Deepgram connection failed: " + error.getMessage());
      }
    }
  }

  private void handle(String message) {
    JsonNode node;
    try {
      node = engine.json().readTree(message);
    } catch (JacksonException e) {
      log.warn("Deepgram sent a frame that is not JSON ({} chars)", message.length());
      return;
    }
    String type = node.path("type").asString("");
    if ("Results".equals(type)) {
      List<Transcript> transcripts = results(node);
      if (!transcripts.isEmpty()) {
        listener.onTranscripts(transcripts);
      }
    }
  }

  private List<Transcript> results(JsonNode node) {
    boolean isFinal = node.path("is_final").asBoolean(false);
    JsonNode alternative = node.path("channel").path("alternatives").path(0);
    String transcript = alternative.path("transcript").asString("").trim();
    double start = node.path("start").asDouble(0);
    double end = start + node.path("duration").asDouble(0);
    String language =
        request.language() != null ? request.language() : engine.settings().language();
    if (transcript.isEmpty()) {
      if (isFinal && draftOpen) {
        // The draft's words were withdrawn: replace it with an empty final the collector drops.
        draftOpen = false;
        return List.of(
            new Transcript(
                key(nextKey++), toSession(start), toSession(end), "", null, language, true));
      }
      return List.of();
    }
    List<Run> runs = runs(alternative.path("words"), transcript, start, end);
    if (!isFinal) {
      draftOpen = true;
      Run all = new Run(majoritySpeaker(runs), start, end, transcript);
      if (!runs.isEmpty()) {
        all = new Run(all.speaker(), runs.getFirst().start(), runs.getLast().end(), transcript);
      }
      return List.of(
          new Transcript(
              key(nextKey),
              toSession(all.start()),
              toSession(all.end()),
              all.text(),
              all.speaker(),
              language,
              false));
    }
    draftOpen = false;
    List<Transcript> finals = new ArrayList<>(runs.size());
    for (Run run : runs) {
      finals.add(
          new Transcript(
              key(nextKey++),
              toSession(run.start()),
              toSession(run.end()),
              run.text(),
              run.speaker(),
              language,
              true));
    }
    return finals;
  }

  private record Run(@Nullable Integer speaker, double start, double end, String text) {}

  /** Splits a result's words into runs of one speaker (one run without diarization). */
  private static List<Run> runs(JsonNode words, String transcript, double start, double end) {
    if (!words.isArray() || words.isEmpty()) {
      return List.of(new Run(null, start, end, transcript));
    }
    List<Run> runs = new ArrayList<>();
    Integer speaker = null;
    StringBuilder text = new StringBuilder();
    double runStart = 0;
    double runEnd = 0;
    boolean first = true;
    for (JsonNode word : words) {
      Integer wordSpeaker = word.has("speaker") ? word.path("speaker").asInt() : null;
      String token = word.path("punctuated_word").asString(word.path("word").asString(""));
      if (!first && !java.util.Objects.equals(wordSpeaker, speaker)) {
        runs.add(new Run(speaker, runStart, runEnd, text.toString()));
        text.setLength(0);
        first = true;
      }
      if (first) {
        speaker = wordSpeaker;
        runStart = word.path("start").asDouble(start);
        first = false;
      }
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(token);
      runEnd = word.path("end").asDouble(end);
    }
    runs.add(new Run(speaker, runStart, runEnd, text.toString()));
    if (runs.size() == 1) {
      // Keep Deepgram's own transcript (smart formatting may differ from the joined words).
      Run only = runs.getFirst();
      return List.of(new Run(only.speaker(), only.start(), only.end(), transcript));
    }
    return runs;
  }

  private static @Nullable Integer majoritySpeaker(List<Run> runs) {
    Integer best = null;
    double bestLength = -1;
    for (Run run : runs) {
      double length = run.end() - run.start();
      if (run.speaker() != null && length > bestLength) {
        best = run.speaker();
        bestLength = length;
      }
    }
    return best;
  }

  private static String key(int n) {
    return String.valueOf(n);
  }

  /** Converts seconds of this connection's audio into seconds of the session. */
  double toSession(double connectionSeconds) {
    long sample = Math.round(connectionSeconds * request.sampleRate());
    long[] base = null;
    synchronized (mapping) {
      for (long[] pair : mapping) {
        if (pair[0] <= sample) {
          base = pair;
        } else {
          break;
        }
      }
    }
    long sessionSample = base == null ? sample : base[1] + (sample - base[0]);
    return Math.round(sessionSample * 1000.0 / request.sampleRate()) / 1000.0;
  }
}
