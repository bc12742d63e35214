package io.budai.voice.realtime;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.realtime.AudioTranscription;
import com.openai.models.realtime.RealtimeAudioFormats;
import com.openai.models.realtime.RealtimeTranscriptionSessionAudio;
import com.openai.models.realtime.RealtimeTranscriptionSessionAudioInput;
import com.openai.models.realtime.RealtimeTranscriptionSessionAudioInputTurnDetection;
import com.openai.models.realtime.RealtimeTranscriptionSessionCreateRequest;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateParams;
import com.openai.models.realtime.clientsecrets.ClientSecretCreateResponse;
import com.openai.models.realtime.clientsecrets.RealtimeSessionCreateResponse;
import com.openai.models.realtime.clientsecrets.RealtimeTranscriptionSessionCreateResponse;
import io.budai.platform.web.ProblemException;
import io.budai.voice.VoiceProperties;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Mints OpenAI Realtime client secrets ({@code POST /v1/realtime/client_secrets}, protocols.md §2e)
 * through openai-java: a transcription session with 24 kHz PCM input, server VAD and the configured
 * model. The server's key never leaves this service; the browser gets a secret that expires.
 */
@Component
class RealtimeTokens implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RealtimeTokens.class);

  private final VoiceProperties.Realtime settings;
  private final @Nullable OpenAIClient client;

  RealtimeTokens(VoiceProperties properties) {
    this.settings = properties.realtime();
    this.client =
        settings.configured()
            ? OpenAIOkHttpClient.builder()
                .apiKey(settings.apiKey())
                .baseUrl(settings.baseUrl())
                .timeout(settings.timeout())
                .maxRetries(1)
                .build()
            : null;
  }

  SessionToken mint(SessionTokenRequest request) {
    if (client == null) {
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "realtime-not-configured",
          "Realtime transcription is not configured",
          "This BudAI has no OpenAI key (OPENAI_API_KEY), so it cannot mint Realtime session"
              + " tokens. Stream audio to /ws/audio instead.");
    }
    String model = request.model() != null ? request.model() : settings.model();
    long ttl = request.expiresIn() != null ? request.expiresIn() : settings.ttl().toSeconds();
    AudioTranscription.Builder transcription = AudioTranscription.builder().model(model);
    if (request.language() != null) {
      transcription.language(request.language());
    }
    if (request.prompt() != null) {
      transcription.prompt(request.prompt());
    }
    ClientSecretCreateParams params =
        ClientSecretCreateParams.builder()
            .expiresAfter(
                ClientSecretCreateParams.ExpiresAfter.builder()
                    .anchor(ClientSecretCreateParams.ExpiresAfter.Anchor.CREATED_AT)
                    .seconds(ttl)
                    .build())
            .session(
                RealtimeTranscriptionSessionCreateRequest.builder()
                    .audio(
                        RealtimeTranscriptionSessionAudio.builder()
                            .input(
                                RealtimeTranscriptionSessionAudioInput.builder()
                                    .format(
                                        RealtimeAudioFormats.AudioPcm.builder()
                                            .type(RealtimeAudioFormats.AudioPcm.Type.AUDIO_PCM)
                                            .rate(RealtimeAudioFormats.AudioPcm.Rate.of(24000))
                                            .build())
                                    .transcription(transcription.build())
                                    .turnDetection(
                                        RealtimeTranscriptionSessionAudioInputTurnDetection
                                            .ServerVad.builder()
                                            .threshold(0.5)
                                            .prefixPaddingMs(300)
                                            .silenceDurationMs(500)
                                            .build())
                                    .build())
                            .build())
                    .build())
            .build();
    ClientSecretCreateResponse response;
    try {
      response = client.realtime().clientSecrets().create(params);
    } catch (UnauthorizedException e) {
      log.error("OpenAI refused the configured key while minting a realtime secret");
      throw upstream(HttpStatus.BAD_GATEWAY, "OpenAI refused BudAI's API key.");
    } catch (RateLimitException e) {
      throw upstream(
          HttpStatus.SERVICE_UNAVAILABLE, "OpenAI is rate-limiting BudAI; try again shortly.");
    } catch (OpenAIServiceException e) {
      log.warn("OpenAI answered {} while minting a realtime secret", e.statusCode());
      throw upstream(HttpStatus.BAD_GATEWAY, "OpenAI answered HTTP " + e.statusCode() + ".");
    } catch (OpenAIIoException e) {
      throw upstream(HttpStatus.GATEWAY_TIMEOUT, "OpenAI could not be reached in time.");
    }
    return new SessionToken(
        response.value(),
        Instant.ofEpochSecond(response.expiresAt()),
        sessionId(response),
        "transcription",
        model,
        websocketUrl(),
        settings.baseUrl().replaceAll("/+$", "") + "/realtime/calls");
  }

  private String websocketUrl() {
    URI base = URI.create(settings.baseUrl().replaceAll("/+$", ""));
    String scheme = "http".equals(base.getScheme()) ? "ws" : "wss";
    return scheme
        + "://"
        + base.getRawAuthority()
        + base.getRawPath()
        + "/realtime?intent=transcription";
  }

  private static @Nullable String sessionId(ClientSecretCreateResponse response) {
    try {
      ClientSecretCreateResponse.Session session = response.session();
      return session
          .transcription()
          .map(RealtimeTranscriptionSessionCreateResponse::id)
          .or(() -> session.realtime().map(RealtimeSessionCreateResponse::id))
          .orElse(null);
    } catch (RuntimeException e) {
      // the secret is what matters; an unexpected session shape must not fail the request
      return null;
    }
  }

  private static ProblemException upstream(HttpStatus status, String detail) {
    return new ProblemException(
        status,
        "realtime-upstream",
        "Could not mint a realtime session",
        detail,
        Map.of("upstream", "openai"));
  }

  @Override
  public void destroy() {
    if (client != null) {
      client.close();
    }
  }
}
