package io.budai.voice.fakes;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local OpenAI-compatible server for the two endpoints this service calls:
 *
 * <ul>
 *   <li>{@code POST /v1/audio/transcriptions} (multipart: {@code file}, {@code model}, {@code
 *       language}, {@code response_format}), as OpenAI, faster-whisper servers and whisper.cpp's
 *       server speak it. The fake "transcribes" a WAV by its pitch: a tone becomes {@code "tone 440
 *       hz"}, so a test can tell utterances apart and check their order;
 *   <li>{@code POST /v1/realtime/client_secrets} (protocols.md §2e) → {@code {"value":"ek_…",
 *       "expires_at":…, "session":{…}}}.
 * </ul>
 *
 * Both check {@code Authorization: Bearer <key>} and answer OpenAI's error body otherwise; queued
 * failures ({@link #failNext}) and per-request latency ({@link #latency}) exercise retries and
 * ordering.
 */
public final class FakeOpenAi implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One transcription request as received. */
  public record TranscriptionRequest(
      String model,
      String language,
      String responseFormat,
      String filename,
      String contentType,
      int sampleRate,
      double seconds,
      String text) {}

  private final String apiKey;
  private final EmbeddedTomcat server;
  private final List<TranscriptionRequest> transcriptions = new CopyOnWriteArrayList<>();
  private final List<JsonNode> secretRequests = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Integer> failures = new ArrayDeque<>();
  private final AtomicInteger count = new AtomicInteger();
  private volatile IntFunction<Duration> latency = n -> Duration.ZERO;

  public FakeOpenAi(String apiKey) {
    this.apiKey = apiKey;
    this.server =
        new EmbeddedTomcat()
            .servlet("/v1/audio/transcriptions", new Transcriptions(), true)
            .servlet("/v1/realtime/client_secrets", new ClientSecrets(), false)
            .start();
  }

  /** {@code http://127.0.0.1:port/v1}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/v1";
  }

  /** Latency of the n-th request (0-based), e.g. to make an early one finish last. */
  public FakeOpenAi latency(IntFunction<Duration> latency) {
    this.latency = latency;
    return this;
  }

  /** The next requests fail with these statuses, one each. */
  public FakeOpenAi failNext(Integer... statuses) {
    synchronized (failures) {
      failures.addAll(List.of(statuses));
    }
    return this;
  }

  public List<TranscriptionRequest> transcriptions() {
    return List.copyOf(transcriptions);
  }

  public List<JsonNode> secretRequests() {
    return List.copyOf(secretRequests);
  }

  @Override
  public void close() {
    server.close();
  }

  private boolean authorized(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (("Bearer " + apiKey).equals(request.getHeader("Authorization"))) {
      return true;
    }
    error(response, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    return false;
  }

  private boolean injectedFailure(HttpServletResponse response) throws IOException {
    Integer status;
    synchronized (failures) {
      status = failures.poll();
    }
    if (status == null) {
      return false;
    }
    if (status == 401) {
      error(
          response, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
    } else if (status == 429) {
      response.setHeader("retry-after-ms", "10");
      error(response, 429, "Rate limit reached for requests", "requests", "rate_limit_exceeded");
    } else {
      error(
          response,
          status,
          "The server had an error processing your request.",
          "server_error",
          null);
    }
    return true;
  }

  private static void error(
      HttpServletResponse response, int status, String message, String type, String code)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", null);
    error.put("code", code);
    response.setStatus(status);
    response.setContentType("application/json");
    response.getWriter().write(JSON.writeValueAsString(Map.of("error", error)));
  }

  private void pause(int n) {
    Duration d = latency.apply(n);
    if (!d.isZero()) {
      try {
        Thread.sleep(d);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final class Transcriptions extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      if (!authorized(request, response) || injectedFailure(response)) {
        return;
      }
      int n = count.getAndIncrement();
      try {
        Part file = request.getPart("file");
        if (file == null) {
          error(response, 400, "Missing file", "invalid_request_error", null);
          return;
        }
        byte[] wav = file.getInputStream().readAllBytes();
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 44
            || !new String(wav, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
            || !new String(wav, 8, 4, StandardCharsets.US_ASCII).equals("WAVE")) {
          error(response, 400, "Invalid file format.", "invalid_request_error", null);
          return;
        }
        int rate = b.getInt(24);
        int dataLength = b.getInt(40);
        int samples = Math.min(dataLength, wav.length - 44) / 2;
        double seconds = samples / (double) rate;
        long hz = Math.round(pitch(b, samples, rate) / 10.0) * 10;
        String text = "tone " + hz + " hz";
        String format = param(request, "response_format", "json");
        transcriptions.add(
            new TranscriptionRequest(
                param(request, "model", ""),
                param(request, "language", ""),
                format,
                file.getSubmittedFileName(),
                file.getContentType(),
                rate,
                seconds,
                text));
        pause(n);
        switch (format) {
          case "text" -> {
            response.setContentType("text/plain");
            response.getWriter().write(text);
          }
          case "verbose_json" -> {
            response.setContentType("application/json");
            response
                .getWriter()
                .write(
                    JSON.writeValueAsString(
                        Map.of(
                            "task",
                            "transcribe",
                            "language",
                            "english",
                            "duration",
                            seconds,
                            "text",
                            text,
                            "segments",
                            List.of())));
          }
          default -> {
            response.setContentType("application/json");
            response
                .getWriter()
                .write(
                    JSON.writeValueAsString(
                        Map.of(
                            "text",
                            text,
                            "usage",
                            Map.of("type", "duration", "seconds", Math.ceil(seconds)))));
          }
        }
      } catch (jakarta.servlet.ServletException e) {
        error(response, 400, "Expected multipart/form-data", "invalid_request_error", null);
      }
    }

    /** Zero crossings per second over the loud 20 ms frames only. */
    private static double pitch(ByteBuffer wav, int samples, int rate) {
      int frame = rate / 50;
      long crossings = 0;
      long loudSamples = 0;
      for (int f = 0; f + frame <= samples; f += frame) {
        double sum = 0;
        int frameCrossings = 0;
        short previous = wav.getShort(44 + Math.max(0, f - 1) * 2);
        for (int i = f; i < f + frame; i++) {
          short s = wav.getShort(44 + i * 2);
          sum += (double) s * s;
          if ((previous < 0) != (s < 0)) {
            frameCrossings++;
          }
          previous = s;
        }
        if (20 * Math.log10(Math.sqrt(sum / frame) / 32768.0 + 1e-12) > -40) {
          crossings += frameCrossings;
          loudSamples += frame;
        }
      }
      return loudSamples == 0 ? 0 : crossings / (2.0 * loudSamples / rate);
    }

    private static String param(HttpServletRequest request, String name, String fallback)
        throws IOException, jakarta.servlet.ServletException {
      Part part = request.getPart(name);
      return part == null
          ? fallback
          : new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private final class ClientSecrets extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      if (!authorized(request, response) || injectedFailure(response)) {
        return;
      }
      JsonNode body;
      try {
        body = JSON.readTree(request.getInputStream());
      } catch (RuntimeException e) {
        error(
            response,
            400,
            "We could not parse the JSON body of your request.",
            "invalid_request_error",
            null);
        return;
      }
      secretRequests.add(body);
      long seconds = body.path("expires_after").path("seconds").asLong(600);
      if (seconds < 10 || seconds > 7200) {
        error(
            response,
            400,
            "expires_after.seconds must be between 10 and 7200",
            "invalid_request_error",
            "invalid_value");
        return;
      }
      JsonNode requested = body.path("session");
      Map<String, Object> session = new LinkedHashMap<>();
      session.put("type", requested.path("type").asString("realtime"));
      session.put("object", "realtime.transcription_session");
      session.put("id", "sess_" + UUID.randomUUID().toString().replace("-", ""));
      session.put("audio", requested.path("audio"));
      session.put("include", requested.path("include"));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("value", "ek_" + UUID.randomUUID().toString().replace("-", ""));
      out.put("expires_at", Instant.now().getEpochSecond() + seconds);
      out.put("session", session);
      response.setContentType("application/json");
      response.getWriter().write(JSON.writeValueAsString(out));
    }
  }
}
