package io.budai.voice.segments;

import io.budai.contracts.segments.Segment;
import io.budai.voice.auth.Caller;
import io.budai.voice.auth.MeetingInfo;
import io.budai.voice.ws.CloseCodes;
import io.budai.voice.ws.Handshake;
import io.budai.voice.ws.StreamAuthenticator;
import io.budai.voice.ws.StreamEndpoint;
import io.budai.voice.ws.StreamRegistry;
import io.budai.voice.ws.VoiceMetrics;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code WS /ws/segments?meeting_id=…}: the "text" engine, always on. A client that transcribes by
 * itself (a bot with its own STT, a WhisperLive relay) sends ready segments as JSON and they go to
 * {@code budai:segments} like any other session's: {@code start} (optional), {@code segments} (a
 * batch), {@code stop}. Every batch is answered with {@code ack} or, when a segment is invalid, an
 * {@code error} naming it — the stream stays open; only a frame that is not JSON closes it.
 */
@Component
public class SegmentsWebSocketHandler extends AbstractWebSocketHandler implements StreamEndpoint {

  private static final Logger log = LoggerFactory.getLogger(SegmentsWebSocketHandler.class);
  private static final String STATE = SegmentsWebSocketHandler.class.getName() + ".state";
  private static final int MAX_BATCH = 200;
  private static final int MAX_TEXT = 10_000;
  private static final double MAX_SECONDS = 24 * 3600;

  private final StreamAuthenticator authenticator;
  private final StreamRegistry registry;
  private final SegmentPublisher segments;
  private final VoiceMetrics metrics;
  private final JsonMapper json;

  SegmentsWebSocketHandler(
      StreamAuthenticator authenticator,
      StreamRegistry registry,
      SegmentPublisher segments,
      VoiceMetrics metrics,
      JsonMapper json) {
    this.authenticator = authenticator;
    this.registry = registry;
    this.segments = segments;
    this.metrics = metrics;
    this.json = json;
  }

  @Override
  public String path() {
    return "/ws/segments";
  }

  @Override
  public WebSocketHandler handler() {
    return this;
  }

  /** One connection's session. */
  private static final class State {
    final String uid = UUID.randomUUID().toString();
    final Caller caller;
    final MeetingInfo meeting;
    @Nullable TranscriptSession session;
    long published;

    State(Caller caller, MeetingInfo meeting) {
      this.caller = caller;
      this.meeting = meeting;
    }
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession socket) throws IOException {
    Handshake handshake = (Handshake) socket.getAttributes().get(Handshake.ATTRIBUTE);
    StreamAuthenticator.Result result = authenticator.authenticate(handshake);
    if (result instanceof StreamAuthenticator.Rejected rejected) {
      log.info("Refused segment stream from {}: {}", handshake.remote(), rejected.status());
      close(socket, rejected.status());
      return;
    }
    StreamAuthenticator.Accepted accepted = (StreamAuthenticator.Accepted) result;
    State state = new State(accepted.caller(), accepted.meeting());
    if (!registry.register(
        state.uid,
        state.meeting.id(),
        StreamRegistry.Kind.SEGMENTS,
        reason -> stop(socket, state, reason))) {
      close(
          socket,
          CloseCodes.status(CloseCodes.TRY_AGAIN_LATER, "This instance is at its stream limit"));
      return;
    }
    socket.getAttributes().put(STATE, state);
    send(
        socket,
        Map.of("type", "ready", "session_uid", state.uid, "meeting_id", state.meeting.id()));
  }

  @Override
  protected void handleTextMessage(WebSocketSession socket, TextMessage message)
      throws IOException {
    State state = (State) socket.getAttributes().get(STATE);
    if (state == null) {
      return;
    }
    JsonNode node;
    try {
      node = json.readTree(message.getPayload());
    } catch (JacksonException e) {
      close(
          socket,
          CloseCodes.status(CloseCodes.INVALID_PAYLOAD, "Text frames must be JSON objects"));
      return;
    }
    String type = node.path("type").asString("");
    try {
      switch (type) {
        case "start" -> {
          if (state.session != null) {
            error(socket, "already_started", "The session has started; send start only first");
            return;
          }
          start(state, text(node, "language"), text(node, "model"));
          send(socket, Map.of("type", "started", "session_uid", state.uid));
        }
        case "segments" -> batch(socket, state, node);
        case "stop" -> {
          end(state, "stopped");
          send(socket, Map.of("type", "stopped", "segments", state.published));
          socket.getAttributes().remove(STATE);
          registry.unregister(state.uid);
          close(socket, CloseStatus.NORMAL);
        }
        case "ping" -> send(socket, Map.of("type", "pong"));
        default ->
            error(
                socket,
                "unknown_type",
                type.isEmpty()
                    ? "Control frames need a string \"type\" field"
                    : "Unknown frame type: " + type);
      }
    } catch (RuntimeException e) {
      log.error("Segment stream {} could not write to the segments stream", state.uid, e);
      close(
          socket,
          CloseCodes.status(
              CloseCodes.TRY_AGAIN_LATER, "Transcript storage is unavailable; try again shortly"));
    }
  }

  @Override
  protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message)
      throws IOException {
    close(
        socket,
        CloseCodes.status(
            CloseCodes.UNSUPPORTED_DATA,
            "/ws/segments takes JSON text frames; send audio to /ws/audio"));
  }

  @Override
  public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
    State state = (State) socket.getAttributes().remove(STATE);
    if (state != null) {
      try {
        end(state, "disconnected");
      } catch (RuntimeException e) {
        log.warn("Could not end segment session {}: {}", state.uid, e.toString());
      }
      registry.unregister(state.uid);
    }
  }

  /** Ends the session from the server side (the call ended). */
  private void stop(WebSocketSession socket, State state, String reason) {
    synchronized (socket) {
      if (socket.getAttributes().remove(STATE) == null) {
        return;
      }
      try {
        send(socket, Map.of("type", "ending", "reason", reason));
        end(state, reason);
        send(socket, Map.of("type", "stopped", "segments", state.published));
        close(socket, CloseStatus.NORMAL);
      } catch (IOException | RuntimeException e) {
        log.debug("Stopping segment stream {} failed: {}", state.uid, e.toString());
      }
      registry.unregister(state.uid);
    }
  }

  private void start(State state, @Nullable String language, @Nullable String model) {
    state.session =
        new TranscriptSession(
            state.uid,
            state.meeting.id(),
            state.caller.userId(),
            state.meeting.platform(),
            state.meeting.nativeMeetingId(),
            language,
            model != null ? model : "text",
            Instant.now());
    segments.sessionStart(state.session);
  }

  private void end(State state, String reason) {
    if (state.session != null) {
      segments.sessionEnd(state.session, reason);
      state.session = null;
    }
  }

  private void batch(WebSocketSession socket, State state, JsonNode node) throws IOException {
    JsonNode items = node.path("segments");
    if (!items.isArray() || items.isEmpty() || items.size() > MAX_BATCH) {
      error(
          socket,
          "invalid_batch",
          "segments must be an array of 1 to " + MAX_BATCH + " segment objects");
      return;
    }
    List<Segment> batch = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      String problem = problem(item);
      if (problem != null) {
        error(socket, "invalid_segment", "segments[" + i + "]: " + problem);
        return;
      }
      String id = text(item, "segment_id");
      batch.add(
          new Segment(
              item.path("start").asDouble(),
              item.path("end").asDouble(),
              text(item, "speaker"),
              item.path("text").asString(),
              text(item, "language"),
              item.path("completed").asBoolean(true),
              id == null ? null : state.uid + ":" + id));
    }
    if (state.session == null) {
      start(state, text(node, "language"), text(node, "model"));
    }
    segments.transcription(state.session, batch);
    state.published += batch.size();
    long confirmed = batch.stream().filter(Segment::completed).count();
    metrics.segments(true, (int) confirmed);
    metrics.segments(false, (int) (batch.size() - confirmed));
    Map<String, Object> ack = new LinkedHashMap<>();
    ack.put("type", "ack");
    ack.put("count", batch.size());
    ack.put("total", state.published);
    send(socket, ack);
  }

  private static @Nullable String problem(JsonNode item) {
    if (!item.isObject()) {
      return "must be an object";
    }
    JsonNode start = item.path("start");
    JsonNode end = item.path("end");
    if (!start.isNumber() || !end.isNumber()) {
      return "start and end must be numbers (seconds from the session start)";
    }
    if (start.asDouble() < 0 || end.asDouble() < start.asDouble()) {
      return "needs 0 <= start <= end";
    }
    if (end.asDouble() > MAX_SECONDS) {
      return "end is more than 24 hours into the session";
    }
    if (!item.path("text").isString()) {
      return "text must be a string";
    }
    if (item.path("text").asString().length() > MAX_TEXT) {
      return "text is longer than " + MAX_TEXT + " characters";
    }
    JsonNode speaker = item.path("speaker");
    if (!speaker.isMissingNode() && !speaker.isNull() && !speaker.isString()) {
      return "speaker must be a string";
    }
    JsonNode completed = item.path("completed");
    if (!completed.isMissingNode() && !completed.isBoolean()) {
      return "completed must be true or false";
    }
    JsonNode id = item.path("segment_id");
    if (!id.isMissingNode() && !id.isNull() && !(id.isString() && id.asString().length() <= 200)) {
      return "segment_id must be a string of at most 200 characters";
    }
    return null;
  }

  private static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() && !value.asString().isBlank() ? value.asString().trim() : null;
  }

  private void error(WebSocketSession socket, String code, String message) throws IOException {
    send(socket, Map.of("type", "error", "code", code, "message", message));
  }

  // The container thread and a call's end may both write; a session allows one writer at a time.
  private void send(WebSocketSession socket, Map<String, ?> message) throws IOException {
    synchronized (socket) {
      if (socket.isOpen()) {
        socket.sendMessage(new TextMessage(json.writeValueAsString(message)));
      }
    }
  }

  private void close(WebSocketSession socket, CloseStatus status) throws IOException {
    metrics.closed("segments", status.getCode());
    synchronized (socket) {
      if (socket.isOpen()) {
        socket.close(status);
      }
    }
  }
}
