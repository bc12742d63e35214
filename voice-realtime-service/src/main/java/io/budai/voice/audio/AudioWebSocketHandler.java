package io.budai.voice.audio;

import io.budai.voice.VoiceProperties;
import io.budai.voice.segments.SegmentPublisher;
import io.budai.voice.stt.SttEngine;
import io.budai.voice.stt.SttEngines;
import io.budai.voice.ws.CloseCodes;
import io.budai.voice.ws.Handshake;
import io.budai.voice.ws.StreamAuthenticator;
import io.budai.voice.ws.StreamEndpoint;
import io.budai.voice.ws.StreamRegistry;
import io.budai.voice.ws.VoiceMetrics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code WS /ws/audio?meeting_id=…}: binary frames of 16-bit little-endian mono PCM and JSON
 * control frames ({@code start}, {@code speaker}, {@code stop}, {@code ping}); the server answers
 * {@code ready}, {@code started}, {@code vad}, {@code transcript}, {@code warning}, {@code error},
 * {@code stopped} (see the module README for the protocol).
 *
 * <p>Frames are checked here, on the container thread, before they are queued: a bad frame closes
 * only its own stream, with a reason that says what was wrong.
 */
@Component
public class AudioWebSocketHandler extends AbstractWebSocketHandler implements StreamEndpoint {

  private static final Logger log = LoggerFactory.getLogger(AudioWebSocketHandler.class);
  private static final String STREAM = AudioStream.class.getName();
  private static final String WIRE = AudioWebSocketHandler.class.getName() + ".wire";
  private static final int MIN_RATE = 8000;
  private static final int MAX_RATE = 48000;

  private final StreamAuthenticator authenticator;
  private final StreamRegistry registry;
  private final SttEngines engines;
  private final SegmentPublisher segments;
  private final VoiceMetrics metrics;
  private final VoiceProperties properties;
  private final JsonMapper json;

  AudioWebSocketHandler(
      StreamAuthenticator authenticator,
      StreamRegistry registry,
      SttEngines engines,
      SegmentPublisher segments,
      VoiceMetrics metrics,
      VoiceProperties properties,
      JsonMapper json) {
    this.authenticator = authenticator;
    this.registry = registry;
    this.engines = engines;
    this.segments = segments;
    this.metrics = metrics;
    this.properties = properties;
    this.json = json;
  }

  @Override
  public String path() {
    return "/ws/audio";
  }

  @Override
  public org.springframework.web.socket.WebSocketHandler handler() {
    return this;
  }

  /** Per-connection state the container thread keeps about the wire format. */
  private static final class Wire {
    boolean started;
    boolean sawAudio;
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
    WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, 5_000, 512 * 1024);
    Handshake handshake = (Handshake) raw.getAttributes().get(Handshake.ATTRIBUTE);
    Optional<SttEngine> engine = engines.active();
    if (engine.isEmpty()) {
      reject(
          session,
          CloseCodes.status(
              CloseCodes.SERVER_ERROR,
              "No speech-to-text engine is configured; send text to /ws/segments"));
      return;
    }
    StreamAuthenticator.Result result = authenticator.authenticate(handshake);
    if (result instanceof StreamAuthenticator.Rejected rejected) {
      log.info("Refused audio stream from {}: {}", handshake.remote(), rejected.status());
      reject(session, rejected.status());
      return;
    }
    StreamAuthenticator.Accepted accepted = (StreamAuthenticator.Accepted) result;
    String uid = UUID.randomUUID().toString();
    AudioStream stream =
        new AudioStream(
            session,
            accepted.caller(),
            accepted.meeting(),
            uid,
            new AudioStream.Deps(properties, engine.get(), segments, metrics, json));
    if (!registry.register(uid, accepted.meeting().id(), StreamRegistry.Kind.AUDIO, stream::stop)) {
      reject(
          session,
          CloseCodes.status(CloseCodes.TRY_AGAIN_LATER, "This instance is at its stream limit"));
      return;
    }
    Wire wire = new Wire();
    raw.getAttributes().put(STREAM, stream);
    raw.getAttributes().put(WIRE, wire);
    Map<String, Object> ready = new LinkedHashMap<>();
    ready.put("type", "ready");
    ready.put("session_uid", uid);
    ready.put("meeting_id", accepted.meeting().id());
    ready.put("engine", engine.get().name());
    ready.put("max_frame_bytes", properties.audio().maxFrameBytes());
    session.sendMessage(new TextMessage(json.writeValueAsString(ready)));
    stream.startWorker();
    if (handshake.param("sample_rate") != null
        || handshake.param("language") != null
        || handshake.param("speaker") != null) {
      // Query parameters may stand in for a start frame (clients that cannot send text first).
      Optional<AudioStream.Start> start = startFromQuery(handshake, stream);
      if (start.isEmpty()) {
        return;
      }
      wire.started = true;
      stream.enqueue(start.get());
    }
    log.info(
        "Audio stream {} open for meeting {} (user {}, via {})",
        uid,
        accepted.meeting().id(),
        accepted.caller().userId(),
        accepted.caller().via());
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession raw, BinaryMessage message) {
    AudioStream stream = (AudioStream) raw.getAttributes().get(STREAM);
    Wire wire = (Wire) raw.getAttributes().get(WIRE);
    if (stream == null || wire == null) {
      return;
    }
    ByteBuffer payload = message.getPayload();
    int length = payload.remaining();
    int max = properties.audio().maxFrameBytes();
    if (length > max) {
      stream.close(
          CloseCodes.status(
              CloseCodes.TOO_BIG,
              "Frame of " + length + " bytes is over the limit of " + max + " bytes"));
      return;
    }
    byte[] bytes = new byte[length];
    payload.get(bytes);
    int offset = 0;
    Integer wavRate = null;
    if (!wire.sawAudio) {
      wire.sawAudio = true;
      Optional<String> container = Pcm.container(bytes);
      if (container.isPresent() && container.get().equals("wav")) {
        Pcm.WavHeader header = Pcm.wavHeader(bytes).orElse(null);
        if (header == null || !header.pcm16Mono()) {
          stream.close(
              CloseCodes.status(
                  CloseCodes.UNSUPPORTED_DATA,
                  "Only 16-bit PCM mono WAV (or raw PCM) is accepted"));
          return;
        }
        offset = header.dataOffset();
        wavRate = header.sampleRate();
      } else if (container.isPresent()) {
        stream.close(
            CloseCodes.status(
                CloseCodes.UNSUPPORTED_DATA,
                "Received "
                    + container.get()
                    + " data; send raw 16-bit little-endian mono PCM instead"));
        return;
      }
    }
    int pcmLength = length - offset;
    if (Pcm.looksLikeText(bytes, offset, pcmLength)) {
      stream.close(
          CloseCodes.status(
              CloseCodes.UNSUPPORTED_DATA,
              "Binary frame looks like text, not 16-bit PCM; send control messages as text"));
      return;
    }
    if (pcmLength % 2 != 0) {
      stream.close(
          CloseCodes.status(
              CloseCodes.UNSUPPORTED_DATA,
              "Binary frames must hold whole 16-bit samples (got an odd byte count)"));
      return;
    }
    if (!wire.started) {
      wire.started = true;
      stream.enqueue(
          new AudioStream.Start(
              wavRate != null ? wavRate : properties.audio().defaultSampleRate(),
              null,
              null,
              Map.of()));
    }
    if (pcmLength > 0) {
      stream.enqueueAudio(
          offset == 0 ? bytes : java.util.Arrays.copyOfRange(bytes, offset, length));
    }
  }

  @Override
  protected void handleTextMessage(WebSocketSession raw, TextMessage message) {
    AudioStream stream = (AudioStream) raw.getAttributes().get(STREAM);
    Wire wire = (Wire) raw.getAttributes().get(WIRE);
    if (stream == null || wire == null) {
      return;
    }
    JsonNode node;
    try {
      node = json.readTree(message.getPayload());
    } catch (JacksonException e) {
      stream.close(
          CloseCodes.status(CloseCodes.INVALID_PAYLOAD, "Text frames must be JSON objects"));
      return;
    }
    if (!node.isObject() || !node.path("type").isString()) {
      stream.close(
          CloseCodes.status(
              CloseCodes.INVALID_PAYLOAD, "Control frames need a string \"type\" field"));
      return;
    }
    String type = node.path("type").asString();
    switch (type) {
      case "start" -> {
        if (wire.started) {
          stream.send(
              Map.of(
                  "type",
                  "error",
                  "code",
                  "already_started",
                  "message",
                  "The stream has started; send start only first"));
          return;
        }
        Optional<AudioStream.Start> start = start(node, stream);
        if (start.isPresent()) {
          wire.started = true;
          stream.enqueue(start.get());
        }
      }
      case "speaker" -> {
        Map<Integer, String> map = speakers(node.path("speakers"));
        String name = text(node, "name");
        if (map == null || (name == null && map.isEmpty())) {
          stream.send(
              Map.of(
                  "type",
                  "error",
                  "code",
                  "invalid_speaker",
                  "message",
                  "speaker needs a \"name\" or a \"speakers\" map"));
          return;
        }
        stream.enqueue(new AudioStream.Speaker(name, map));
      }
      case "stop" -> stream.enqueue(new AudioStream.Stop(true));
      case "ping" -> stream.send(Map.of("type", "pong"));
      default ->
          stream.send(
              Map.of(
                  "type",
                  "error",
                  "code",
                  "unknown_type",
                  "message",
                  "Unknown control frame type: " + type));
    }
  }

  @Override
  public void handleTransportError(WebSocketSession raw, Throwable exception) {
    log.debug("Transport error on audio stream: {}", exception.toString());
  }

  @Override
  public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
    AudioStream stream = (AudioStream) raw.getAttributes().remove(STREAM);
    if (stream != null) {
      stream.enqueue(new AudioStream.Stop(false));
      registry.unregister(stream.uid());
      log.info("Audio stream {} closed: {}", stream.uid(), status);
    }
  }

  private Optional<AudioStream.Start> start(JsonNode node, AudioStream stream) {
    int rate = node.path("sample_rate").asInt(properties.audio().defaultSampleRate());
    if (!node.path("sample_rate").isMissingNode() && !node.path("sample_rate").isIntegralNumber()) {
      rate = -1;
    }
    String encoding = text(node, "encoding");
    int channels = node.path("channels").asInt(1);
    Map<Integer, String> map = speakers(node.path("speakers"));
    String problem = null;
    if (rate < MIN_RATE || rate > MAX_RATE) {
      problem = "sample_rate must be an integer from " + MIN_RATE + " to " + MAX_RATE;
    } else if (encoding != null && !Pcm.ENCODINGS.contains(encoding.toLowerCase(Locale.ROOT))) {
      problem = "encoding must be pcm_s16le (16-bit little-endian PCM)";
    } else if (channels != 1) {
      problem = "Only mono audio is accepted (channels: 1); send one stream per channel";
    } else if (map == null) {
      problem = "speakers must map speaker numbers to names, e.g. {\"0\":\"Alice\"}";
    }
    if (problem != null) {
      stream.close(CloseCodes.status(CloseCodes.BAD_REQUEST, problem));
      return Optional.empty();
    }
    return Optional.of(
        new AudioStream.Start(rate, text(node, "language"), text(node, "speaker"), map));
  }

  private Optional<AudioStream.Start> startFromQuery(Handshake handshake, AudioStream stream) {
    Map<String, Object> fields = new HashMap<>();
    String rate = handshake.param("sample_rate");
    if (rate != null) {
      try {
        fields.put("sample_rate", Integer.parseInt(rate));
      } catch (NumberFormatException e) {
        fields.put("sample_rate", rate);
      }
    }
    if (handshake.param("language") != null) {
      fields.put("language", handshake.param("language"));
    }
    if (handshake.param("speaker") != null) {
      fields.put("speaker", handshake.param("speaker"));
    }
    return start(json.valueToTree(fields), stream);
  }

  private static @Nullable Map<Integer, String> speakers(JsonNode node) {
    Map<Integer, String> map = new HashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      try {
        int index = Integer.parseInt(entry.getKey());
        if (index < 0 || !entry.getValue().isString() || entry.getValue().asString().isBlank()) {
          return null;
        }
        map.put(index, entry.getValue().asString().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return map;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() && !value.asString().isBlank() ? value.asString().trim() : null;
  }

  private void reject(WebSocketSession session, CloseStatus status) throws IOException {
    metrics.closed("audio", status.getCode());
    session.close(status);
  }
}
