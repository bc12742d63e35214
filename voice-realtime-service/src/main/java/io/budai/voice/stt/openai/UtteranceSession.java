package io.budai.voice.stt.openai;

import io.budai.voice.stt.SttListener;
import io.budai.voice.stt.SttRequest;
import io.budai.voice.stt.SttSession;
import io.budai.voice.stt.Transcript;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a stream into utterances at the silences the VAD finds (and at {@code max-utterance}) and
 * sends each as one transcription request. Up to {@code max-in-flight} requests run at once; their
 * results are reported strictly in utterance order. When all slots are busy the worker waits, so a
 * slow server backs up into the stream's bounded buffer (and its drop policy) instead of memory.
 */
final class UtteranceSession implements SttSession {

  private static final Logger log = LoggerFactory.getLogger(UtteranceSession.class);

  private record Pending(CompletableFuture<Optional<Transcript>> result) {}

  private final OpenAiTranscriptionEngine engine;
  private final SttRequest request;
  private final SttListener listener;
  private final long maxSamples;
  private final long minSamples;
  private final Semaphore slots;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final ByteArrayOutputStream utterance = new ByteArrayOutputStream();
  private boolean inSpeech;
  private long utteranceStart;
  private int nextKey;
  private volatile boolean aborted;

  UtteranceSession(OpenAiTranscriptionEngine engine, SttRequest request, SttListener listener) {
    this.engine = engine;
    this.request = request;
    this.listener = listener;
    this.maxSamples = engine.settings().maxUtterance().toMillis() * request.sampleRate() / 1000;
    this.minSamples = engine.settings().minUtterance().toMillis() * request.sampleRate() / 1000;
    this.slots = new Semaphore(Math.max(1, engine.settings().maxInFlight()));
  }

  @Override
  public void speechStarted(long sample) {
    inSpeech = true;
    utteranceStart = sample;
    utterance.reset();
  }

  @Override
  public void frame(byte[] pcm, long startSample, boolean speech) {
    if (!inSpeech || !speech) {
      return;
    }
    if (utterance.size() == 0) {
      utteranceStart = startSample;
    }
    utterance.write(pcm, 0, pcm.length);
    if (utterance.size() / 2 >= maxSamples) {
      cut();
    }
  }

  @Override
  public void speechEnded(long sample) {
    cut();
    inSpeech = false;
  }

  @Override
  public void tick(long nanoTime) {
    deliver();
  }

  @Override
  public void finish(Duration timeout) {
    cut();
    inSpeech = false;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!aborted) {
      Pending head;
      synchronized (pending) {
        head = pending.peek();
      }
      if (head == null) {
        return;
      }
      try {
        head.result().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        listener.onWarning(
            "stt_timeout",
            "Transcriptions still running after " + timeout.toSeconds() + " s were dropped");
        abort();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abort();
        return;
      } catch (Exception e) {
        // reported by the request itself
      }
      deliver();
    }
  }

  @Override
  public void abort() {
    aborted = true;
    synchronized (pending) {
      pending.forEach(p -> p.result().cancel(true));
      pending.clear();
    }
  }

  /** Sends the buffered utterance (if long enough) as one request. */
  private void cut() {
    int length = utterance.size();
    long start = utteranceStart;
    utteranceStart += length / 2;
    if (length / 2 < Math.max(1, minSamples) || aborted) {
      utterance.reset();
      return;
    }
    byte[] pcm = utterance.toByteArray();
    utterance.reset();
    String key = String.valueOf(nextKey++);
    double startSeconds = seconds(start);
    double endSeconds = seconds(start + length / 2);
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    CompletableFuture<Optional<Transcript>> result =
        CompletableFuture.supplyAsync(
            () -> transcribe(key, pcm, startSeconds, endSeconds), engine.executor());
    result.whenComplete((r, e) -> slots.release());
    synchronized (pending) {
      pending.add(new Pending(result));
    }
    result.whenComplete((r, e) -> deliver());
  }

  private Optional<Transcript> transcribe(
      String key, byte[] pcm, double startSeconds, double endSeconds) {
    try {
      String text = engine.transcribe(pcm, pcm.length, request.sampleRate(), request.language());
      if (text.isBlank()) {
        return Optional.empty();
      }
      return Optional.of(
          new Transcript(key, startSeconds, endSeconds, text, null, request.language(), true));
    } catch (RuntimeException e) {
      if (!aborted) {
        log.warn(
            "Transcription of {}–{} s in session {} failed: {}",
            startSeconds,
            endSeconds,
            request.sessionUid(),
            e.toString());
        listener.onWarning(
            "stt_failed",
            "The utterance at %.1f–%.1f s could not be transcribed: %s"
                .formatted(startSeconds, endSeconds, e.getMessage()));
      }
      return Optional.empty();
    }
  }

  /** Reports finished results from the head of the queue, so the order is the utterance order. */
  private void deliver() {
    synchronized (pending) {
      while (!pending.isEmpty() && pending.peek().result().isDone()) {
        Pending head = pending.poll();
        if (head.result().isCancelled() || head.result().isCompletedExceptionally()) {
          continue;
        }
        head.result().join().ifPresent(t -> listener.onTranscripts(List.of(t)));
      }
    }
  }

  private double seconds(long sample) {
    return Math.round(sample * 1000.0 / request.sampleRate()) / 1000.0;
  }
}
