package io.budai.voice.stt.openai;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.MultipartField;
import com.openai.models.audio.AudioResponseFormat;
import com.openai.models.audio.transcriptions.Transcription;
import com.openai.models.audio.transcriptions.TranscriptionCreateParams;
import com.openai.models.audio.transcriptions.TranscriptionCreateResponse;
import com.openai.models.audio.transcriptions.TranscriptionVerbose;
import io.budai.voice.VoiceProperties;
import io.budai.voice.stt.SttEngine;
import io.budai.voice.stt.SttListener;
import io.budai.voice.stt.SttRequest;
import io.budai.voice.stt.SttSession;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The OpenAI-compatible transcription protocol ({@code POST /v1/audio/transcriptions}, multipart),
 * which OpenAI, faster-whisper servers and whisper.cpp's server all speak. It is not a streaming
 * protocol, so each stream's audio is cut into utterances by voice-activity detection and every
 * utterance is one request (see {@link UtteranceSession}). Calls go through the official {@code
 * openai-java} client with its time limit and retries.
 */
public final class OpenAiTranscriptionEngine implements SttEngine, AutoCloseable {

  private final VoiceProperties.OpenAiTranscription settings;
  private final OpenAIClient client;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  public OpenAiTranscriptionEngine(VoiceProperties.OpenAiTranscription settings) {
    this.settings = settings;
    String key = settings.apiKey();
    OpenAIOkHttpClient.Builder builder =
        OpenAIOkHttpClient.builder()
            // Self-hosted Whisper servers take any key; the header must still be well-formed.
            .apiKey(key == null || key.isBlank() ? "none" : key)
            .timeout(settings.timeout())
            .maxRetries(settings.maxRetries());
    String baseUrl = settings.baseUrl();
    if (baseUrl != null && !baseUrl.isBlank()) {
      builder.baseUrl(baseUrl);
    }
    this.client = builder.build();
  }

  @Override
  public String name() {
    return "openai";
  }

  @Override
  public String model() {
    return settings.model();
  }

  @Override
  public SttSession open(SttRequest request, SttListener listener) {
    return new UtteranceSession(this, request, listener);
  }

  VoiceProperties.OpenAiTranscription settings() {
    return settings;
  }

  ExecutorService executor() {
    return executor;
  }

  /** Transcribes one utterance; blank text when the server heard nothing. */
  String transcribe(byte[] pcm, int length, int sampleRate, @Nullable String language) {
    byte[] wav = Wav.of(pcm, length, sampleRate);
    TranscriptionCreateParams.Builder params =
        TranscriptionCreateParams.builder()
            .file(
                MultipartField.<InputStream>builder()
                    .value(new ByteArrayInputStream(wav))
                    .filename("utterance.wav")
                    .contentType("audio/wav")
                    .build())
            .model(settings.model())
            .responseFormat(AudioResponseFormat.JSON);
    if (language != null) {
      params.language(language);
    }
    TranscriptionCreateResponse response = client.audio().transcriptions().create(params.build());
    if (response.isVerbose()) {
      return response.verbose().map(TranscriptionVerbose::text).orElse("").trim();
    }
    return response.transcription().map(Transcription::text).orElse("").trim();
  }

  @Override
  public void close() {
    executor.shutdownNow();
    client.close();
  }
}
