package io.budai.collector;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the transcription collector, under {@code collector.*} (environment variables in
 * {@code application.yml} and the README).
 *
 * @param flush how and when hot segments move from Redis to PostgreSQL
 * @param hotStore the Redis hot store
 * @param cleaning which segments carry no information and how markers are stripped
 * @param finalizeGrace how long a finished meeting waits for its sessions to end before the final
 *     flush and {@code meeting.completed} happen anyway
 * @param adminServiceUrl admin-service, used to resolve an API key on a direct {@code /ws} call
 * @param live the live transcript WebSocket
 */
@ConfigurationProperties("collector")
public record CollectorProperties(
    @DefaultValue Flush flush,
    @DefaultValue HotStore hotStore,
    @DefaultValue Cleaning cleaning,
    @DefaultValue("20s") Duration finalizeGrace,
    @DefaultValue("http://127.0.0.1:8009") String adminServiceUrl,
    @DefaultValue Live live) {

  /**
   * The flusher.
   *
   * @param interval time between two flush runs
   * @param confirmedAfter a confirmed segment unchanged this long is persisted
   * @param draftAfter a draft unchanged this long is persisted as it is (its bot went quiet)
   * @param maxBatch most segments written to PostgreSQL in one transaction
   * @param enabled whether this instance runs the periodic flush (the final flush always runs)
   */
  public record Flush(
      @DefaultValue("2s") Duration interval,
      @DefaultValue("2s") Duration confirmedAfter,
      @DefaultValue("30s") Duration draftAfter,
      @DefaultValue("5000") int maxBatch,
      @DefaultValue("true") boolean enabled) {}

  /**
   * The Redis hot store.
   *
   * @param segmentTtl expiry of a meeting's in-flight segments, refreshed on every write; long
   *     enough to outlive a PostgreSQL outage
   * @param sessionTtl expiry of a session's aggregates, refreshed on every write
   */
  public record HotStore(
      @DefaultValue("24h") Duration segmentTtl, @DefaultValue("7d") Duration sessionTtl) {}

  /**
   * Cleaning of segment text at ingest.
   *
   * @param markerPattern inline markers removed from the text (AMI's {@code {disfmarker}}, {@code
   *     {vocalsound}}, Whisper's {@code [BLANK_AUDIO]})
   * @param dropPatterns whole-text patterns of segments that carry nothing (after markers are gone)
   * @param minCharacters shortest text kept, after trimming
   */
  public record Cleaning(
      @DefaultValue("\\{[a-z_]+\\}|\\[(?:BLANK_AUDIO|blank_audio|MUSIC|Music|NOISE|noise)\\]")
          String markerPattern,
      @DefaultValue({
            "<no audio>",
            "<inaudible>",
            "<>",
            "<3",
            ">+",
            "<+",
            "\\.+",
            "[\\p{Punct}\\s]+"
          })
          List<String> dropPatterns,
      @DefaultValue("1") int minCharacters) {}

  /**
   * The live transcript WebSocket {@code /ws}.
   *
   * @param maxSubscriptions most meetings one connection may follow
   * @param sendBufferBytes bytes queued for a slow client before it is disconnected
   * @param sendTimeout longest a send may block before the client is disconnected
   */
  public record Live(
      @DefaultValue("50") int maxSubscriptions,
      @DefaultValue("1048576") int sendBufferBytes,
      @DefaultValue("10s") Duration sendTimeout) {}
}
