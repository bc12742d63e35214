package io.budai.voice.ws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The service's own meters: audio seconds in, dropped frames, speech-to-text latency (from the
 * arrival of the audio a confirmed segment ends with to the segment), segments out, and stream
 * closes by code.
 */
@Component
public class VoiceMetrics {

  private final MeterRegistry meters;
  private final Counter audioSeconds;
  private final Counter droppedFrames;
  private final ConcurrentMap<String, Timer> latency = new ConcurrentHashMap<>();

  VoiceMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.audioSeconds =
        Counter.builder("voice.audio.seconds")
            .description("Seconds of audio received")
            .register(meters);
    this.droppedFrames =
        Counter.builder("voice.audio.frames.dropped")
            .description("Audio frames dropped because the speech-to-text engine fell behind")
            .register(meters);
  }

  public void audio(double seconds) {
    audioSeconds.increment(seconds);
  }

  public void dropped(int frames) {
    droppedFrames.increment(frames);
  }

  public double droppedTotal() {
    return droppedFrames.count();
  }

  public void sttLatency(String engine, Duration duration) {
    latency
        .computeIfAbsent(
            engine,
            e ->
                Timer.builder("voice.stt.latency")
                    .description("Audio end to confirmed segment")
                    .tag("engine", e)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(5))
                    .maximumExpectedValue(Duration.ofSeconds(30))
                    .register(meters))
        .record(duration);
  }

  public void segments(boolean completed, int count) {
    meters
        .counter("voice.segments.published", "completed", String.valueOf(completed))
        .increment(count);
  }

  public void closed(String kind, int code) {
    meters.counter("voice.streams.closed", "kind", kind, "code", String.valueOf(code)).increment();
  }
}
