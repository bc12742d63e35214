package io.budai.voice.stt.deepgram;

import io.budai.voice.VoiceProperties;
import io.budai.voice.stt.SttEngine;
import io.budai.voice.stt.SttException;
import io.budai.voice.stt.SttListener;
import io.budai.voice.stt.SttRequest;
import io.budai.voice.stt.SttSession;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deepgram live streaming: one WebSocket to {@code /v1/listen} per stream, raw {@code linear16}
 * audio in binary frames, {@code KeepAlive}/{@code Finalize}/{@code CloseStream} as text frames,
 * {@code Results} back (protocols.md §3). All connections share one JDK {@link HttpClient} whose
 * listeners run on virtual threads.
 */
public final class DeepgramEngine implements SttEngine, AutoCloseable {

  private final VoiceProperties.Deepgram settings;
  private final JsonMapper json;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient http;

  public DeepgramEngine(VoiceProperties.Deepgram settings, JsonMapper json) {
    this.settings = settings;
    this.json = json;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .executor(executor)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public String name() {
    return "deepgram";
  }

  @Override
  public String model() {
    return settings.model();
  }

  @Override
  public SttSession open(SttRequest request, SttListener listener) {
    DeepgramSession session = new DeepgramSession(this, request, listener);
    session.connect();
    return session;
  }

  VoiceProperties.Deepgram settings() {
    return settings;
  }

  JsonMapper json() {
    return json;
  }

  /** The listen URL with this stream's query parameters. */
  URI listenUri(SttRequest request) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("model", settings.model());
    params.put("language", request.language() != null ? request.language() : settings.language());
    params.put("encoding", "linear16");
    params.put("sample_rate", String.valueOf(request.sampleRate()));
    params.put("channels", "1");
    params.put("interim_results", String.valueOf(settings.interimResults()));
    params.put("diarize", String.valueOf(settings.diarize()));
    params.put("punctuate", String.valueOf(settings.punctuate()));
    params.put("smart_format", String.valueOf(settings.smartFormat()));
    params.put("endpointing", String.valueOf(settings.endpointing()));
    params.put("tag", "budai");
    String query =
        params.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    String base = settings.url().toString();
    return URI.create(base + (base.contains("?") ? "&" : "?") + query);
  }

  /** Opens one connection; the handshake's refusal becomes an {@link SttException}. */
  WebSocket connect(SttRequest request, WebSocket.Listener listener) {
    try {
      return http.newWebSocketBuilder()
          .header("Authorization", "Token " + settings.apiKey())
          .connectTimeout(settings.connectTimeout())
          .buildAsync(listenUri(request), listener)
          .get(settings.connectTimeout().toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        var response = refused.getResponse();
        String reason = response.headers().firstValue("dg-error").orElse("no dg-error header");
        throw new SttException(
            "Deepgram refused the stream (HTTP " + response.statusCode() + "): " + reason, e);
      }
      throw new SttException("Deepgram is unreachable: " + e.getCause().getMessage(), e);
    } catch (TimeoutException e) {
      throw new SttException("Deepgram did not answer the handshake in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SttException("Interrupted while connecting to Deepgram", e);
    }
  }

  @Override
  public void close() {
    http.shutdownNow();
    executor.shutdownNow();
  }
}
