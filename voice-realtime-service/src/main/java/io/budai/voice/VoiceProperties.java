package io.budai.voice;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of voice-realtime-service, under {@code budai.voice.*} (application.yml maps each to an
 * environment variable).
 *
 * @param audio limits and back-pressure of {@code /ws/audio} streams
 * @param vad voice-activity detection thresholds
 * @param stt which speech-to-text engine runs and how it is reached
 * @param realtime OpenAI Realtime client secrets for browsers
 * @param services where the other BudAI services answer
 * @param calls Slack (and API) voice calls
 */
@ConfigurationProperties("budai.voice")
public record VoiceProperties(
    @DefaultValue Audio audio,
    @DefaultValue Vad vad,
    @DefaultValue Stt stt,
    @DefaultValue Realtime realtime,
    @DefaultValue Services services,
    @DefaultValue Calls calls) {

  /** What a stream does when its buffer is full. */
  public enum DropPolicy {
    /** Drop the oldest buffered audio: keeps latency low, loses what is most stale. */
    DROP_OLDEST,
    /** Drop the frame that just arrived: keeps what is buffered contiguous. */
    DROP_NEWEST
  }

  /**
   * Audio ingest limits.
   *
   * @param maxFrameBytes largest binary frame accepted; a bigger one closes the stream (1009)
   * @param maxBuffer audio buffered per stream ahead of the speech-to-text engine before frames are
   *     dropped (measured in audio time at the stream's sample rate)
   * @param dropPolicy which frames go when the buffer is full
   * @param defaultSampleRate sample rate assumed when the client sends no {@code start} frame
   * @param stopTimeout how long a closing stream waits for the engine's final results
   * @param maxStreams concurrent audio and segment streams one instance accepts (1013 beyond)
   * @param tick how often an idle stream wakes up for time-based work (keep-alives)
   */
  public record Audio(
      @DefaultValue("65536") int maxFrameBytes,
      @DefaultValue("5s") Duration maxBuffer,
      @DefaultValue("DROP_OLDEST") DropPolicy dropPolicy,
      @DefaultValue("16000") int defaultSampleRate,
      @DefaultValue("10s") Duration stopTimeout,
      @DefaultValue("1000") int maxStreams,
      @DefaultValue("500ms") Duration tick) {}

  /**
   * Energy-based voice-activity detection with a hangover.
   *
   * @param frame analysis frame length
   * @param thresholdDbfs a frame louder than this (dB relative to full scale) may be speech
   * @param marginDb and it must also be this much louder than the tracked noise floor
   * @param minSpeech speech must last this long before it counts (ignores clicks)
   * @param hangover silence that must follow speech before speech counts as over
   * @param preRoll audio kept from before the detected onset and sent with the speech
   * @param noiseWindow the noise floor is the quietest frame within this window
   */
  public record Vad(
      @DefaultValue("20ms") Duration frame,
      @DefaultValue("-45") double thresholdDbfs,
      @DefaultValue("10") double marginDb,
      @DefaultValue("60ms") Duration minSpeech,
      @DefaultValue("500ms") Duration hangover,
      @DefaultValue("300ms") Duration preRoll,
      @DefaultValue("5s") Duration noiseWindow) {}

  /**
   * Speech-to-text engine selection.
   *
   * @param engine {@code auto} (Deepgram when its key is set, else the OpenAI-compatible engine
   *     when its URL or key is set, else none), {@code deepgram}, {@code openai} or {@code none}
   * @param deepgram Deepgram live streaming
   * @param openai an OpenAI-compatible {@code /v1/audio/transcriptions} server
   */
  public record Stt(
      @DefaultValue("auto") String engine,
      @DefaultValue Deepgram deepgram,
      @DefaultValue OpenAiTranscription openai) {}

  /**
   * Deepgram live streaming ({@code /v1/listen} over WebSocket).
   *
   * @param apiKey the Deepgram key, sent as {@code Authorization: Token …}
   * @param url the live endpoint
   * @param model model name
   * @param language BCP-47 language unless a stream names its own
   * @param interimResults ask for interim results (drafts)
   * @param diarize ask for speaker labels
   * @param punctuate ask for punctuation
   * @param smartFormat ask for smart formatting
   * @param endpointing milliseconds of silence that end an utterance on Deepgram's side
   * @param gateSilence send only speech (with pre-roll) and keep-alives in between, which saves
   *     Deepgram minutes; timestamps stay in session time either way
   * @param finalizeOnSilence send {@code Finalize} when the local VAD sees speech end, so finals
   *     come without waiting for more audio
   * @param chunk audio is sent in messages of about this length (frames are coalesced)
   * @param keepAlive interval of {@code KeepAlive} messages while no audio is sent
   * @param connectTimeout time limit of the WebSocket handshake
   * @param reconnects how often a dropped connection is re-opened during one stream
   */
  public record Deepgram(
      @Nullable String apiKey,
      @DefaultValue("wss://api.deepgram.com/v1/listen") URI url,
      @DefaultValue("nova-3") String model,
      @DefaultValue("en") String language,
      @DefaultValue("true") boolean interimResults,
      @DefaultValue("true") boolean diarize,
      @DefaultValue("true") boolean punctuate,
      @DefaultValue("true") boolean smartFormat,
      @DefaultValue("300") int endpointing,
      @DefaultValue("true") boolean gateSilence,
      @DefaultValue("true") boolean finalizeOnSilence,
      @DefaultValue("100ms") Duration chunk,
      @DefaultValue("4s") Duration keepAlive,
      @DefaultValue("5s") Duration connectTimeout,
      @DefaultValue("3") int reconnects) {

    /** Whether a key is configured. */
    public boolean configured() {
      return apiKey != null && !apiKey.isBlank();
    }
  }

  /**
   * An OpenAI-compatible transcription server (OpenAI, faster-whisper-server, whisper.cpp server).
   *
   * @param baseUrl the API base, ending in {@code /v1}
   * @param apiKey bearer key; self-hosted servers usually take any value
   * @param model model name ({@code whisper-1}, {@code Systran/faster-whisper-small}, …)
   * @param maxUtterance an utterance longer than this is cut and sent in parts
   * @param minUtterance an utterance shorter than this is not sent (clicks, coughs)
   * @param timeout time limit of one transcription request
   * @param maxInFlight requests one stream may have running at once (results stay in order)
   * @param maxRetries retries of a failed request (connection errors, 429, 5xx)
   */
  public record OpenAiTranscription(
      @Nullable String baseUrl,
      @Nullable String apiKey,
      @DefaultValue("whisper-1") String model,
      @DefaultValue("30s") Duration maxUtterance,
      @DefaultValue("250ms") Duration minUtterance,
      @DefaultValue("30s") Duration timeout,
      @DefaultValue("2") int maxInFlight,
      @DefaultValue("2") int maxRetries) {

    /** Whether a server is configured. */
    public boolean configured() {
      return (baseUrl != null && !baseUrl.isBlank()) || (apiKey != null && !apiKey.isBlank());
    }
  }

  /**
   * OpenAI Realtime client secrets ({@code POST /v1/realtime/client_secrets}).
   *
   * @param apiKey the server-side OpenAI key; without it the endpoint answers 503
   * @param baseUrl the API base
   * @param model transcription model of the minted session
   * @param ttl how long the client secret lives (10 s to 2 h)
   * @param timeout time limit of the call to OpenAI
   */
  public record Realtime(
      @Nullable String apiKey,
      @DefaultValue("https://api.openai.com/v1") String baseUrl,
      @DefaultValue("gpt-4o-transcribe") String model,
      @DefaultValue("600s") Duration ttl,
      @DefaultValue("10s") Duration timeout) {

    /** Whether a key is configured. */
    public boolean configured() {
      return apiKey != null && !apiKey.isBlank();
    }
  }

  /**
   * Base URLs of the BudAI services this one calls.
   *
   * @param adminUrl admin-service (API key verification)
   * @param collectorUrl transcription-collector (meeting ownership, creation, completion)
   */
  public record Services(
      @DefaultValue("http://localhost:8009") String adminUrl,
      @DefaultValue("http://localhost:8008") String collectorUrl) {}

  /**
   * Voice calls (Slack {@code /loop start} without a meeting URL, or {@code POST /api/calls}).
   *
   * @param publicUrl the public base URL of BudAI (the gateway) used in join URLs
   * @param grace how long a call stays open after its last audio stream closed
   * @param joinTimeout how long a call nobody joins stays open
   * @param platform the platform of the meetings calls create at the collector
   * @param sweep how often open calls are checked (heartbeats, grace, join time-out)
   */
  public record Calls(
      @DefaultValue("http://localhost:8000") String publicUrl,
      @DefaultValue("60s") Duration grace,
      @DefaultValue("30m") Duration joinTimeout,
      @DefaultValue("browser_session") String platform,
      @DefaultValue("5s") Duration sweep) {

    /** The join link of a call. */
    public String joinUrl(String callId) {
      return publicUrl.replaceAll("/+$", "") + "/calls/" + callId;
    }
  }
}
