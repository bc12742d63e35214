package io.budai.collector.live;

import io.budai.collector.CollectorProperties;
import io.budai.collector.meeting.Meeting;
import io.budai.collector.meeting.MeetingNotFoundException;
import io.budai.collector.meeting.MeetingService;
import io.budai.platform.web.ProblemException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vexa's multiplexed live feed on {@code /ws}: {@code {"action":"subscribe","meetings":[{platform,
 * native_id}]}}, {@code unsubscribe}, {@code ping}; answers {@code subscribed}, {@code
 * unsubscribed}, {@code pong} and {@code error} frames, and forwards the meeting's {@code
 * transcript.mutable}, {@code transcript.finalized} and {@code meeting.status} frames. A user can
 * only follow their own meetings (the latest one for a platform and native id, or {@code
 * {"meeting_id": n}}).
 */
@Component
class LiveSocketHandler extends TextWebSocketHandler {

  /** Vexa's close code for a missing or invalid API key. */
  static final CloseStatus UNAUTHORIZED = new CloseStatus(4401, "unauthorized");

  /** Close code when the key could not be checked (retry later). */
  static final CloseStatus AUTH_UNAVAILABLE = new CloseStatus(4503, "authorization unavailable");

  private final MeetingService meetings;
  private final LiveSubscriptions subscriptions;
  private final JsonMapper json;
  private final CollectorProperties.Live settings;
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  LiveSocketHandler(
      MeetingService meetings,
      LiveSubscriptions subscriptions,
      JsonMapper json,
      CollectorProperties properties) {
    this.meetings = meetings;
    this.subscriptions = subscriptions;
    this.json = json;
    this.settings = properties.live();
  }

  @Override
  public void afterConnectionEstablished(WebSocketSession raw) throws IOException {
    WebSocketSession session =
        new ConcurrentWebSocketSessionDecorator(
            raw,
            (int) settings.sendTimeout().toMillis(),
            settings.sendBufferBytes(),
            ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
    Object user = raw.getAttributes().get(LiveAuthenticator.USER);
    if (!(user instanceof String userId)) {
      String error =
          String.valueOf(
              raw.getAttributes().getOrDefault(LiveAuthenticator.ERROR, "missing_api_key"));
      send(session, Map.of("type", "error", "error", error));
      session.close(
          error.equals("authorization_service_unavailable") ? AUTH_UNAVAILABLE : UNAUTHORIZED);
      return;
    }
    connections.put(raw.getId(), new Connection(userId, session));
  }

  @Override
  protected void handleTextMessage(WebSocketSession raw, TextMessage message) throws IOException {
    Connection connection = connections.get(raw.getId());
    if (connection == null) {
      return;
    }
    JsonNode request;
    try {
      request = json.readTree(message.getPayload());
    } catch (JacksonException e) {
      send(connection.session, Map.of("type", "error", "error", "invalid_json"));
      return;
    }
    String action = request.path("action").asString("");
    switch (action) {
      case "ping" -> send(connection.session, Map.of("type", "pong"));
      case "subscribe" -> subscribe(connection, request);
      case "unsubscribe" -> unsubscribe(connection, request);
      default -> send(connection.session, Map.of("type", "error", "error", "unknown_action"));
    }
  }

  private void subscribe(Connection connection, JsonNode request) throws IOException {
    JsonNode items = request.get("meetings");
    if (items == null || !items.isArray() || items.isEmpty()) {
      send(connection.session, Map.of("type", "error", "error", "invalid_subscribe_payload"));
      return;
    }
    List<Map<String, Object>> subscribed = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (JsonNode item : items) {
      String label = label(item);
      if (connection.meetings.size() >= settings.maxSubscriptions()) {
        errors.add(label + ": too many subscriptions on this connection");
        continue;
      }
      Meeting meeting = resolve(connection.userId, item, errors, label);
      if (meeting == null) {
        continue;
      }
      if (connection.meetings.add(meeting.id())) {
        subscriptions.subscribe(meeting.id(), connection.session);
      }
      subscribed.add(reference(meeting));
    }
    if (!errors.isEmpty()) {
      send(
          connection.session,
          Map.of("type", "error", "error", "subscribe_failed", "details", errors));
    }
    if (!subscribed.isEmpty()) {
      send(connection.session, Map.of("type", "subscribed", "meetings", subscribed));
    }
  }

  private void unsubscribe(Connection connection, JsonNode request) throws IOException {
    JsonNode items = request.get("meetings");
    if (items == null || !items.isArray()) {
      send(connection.session, Map.of("type", "error", "error", "invalid_unsubscribe_payload"));
      return;
    }
    List<Map<String, Object>> done = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (JsonNode item : items) {
      Meeting meeting = resolve(connection.userId, item, errors, label(item));
      if (meeting != null) {
        if (connection.meetings.remove(meeting.id())) {
          subscriptions.unsubscribe(meeting.id(), connection.session);
        }
        done.add(reference(meeting));
      }
    }
    send(connection.session, Map.of("type", "unsubscribed", "meetings", done));
  }

  private @Nullable Meeting resolve(
      String userId, JsonNode item, List<String> errors, String label) {
    try {
      if (item.hasNonNull("meeting_id") || item.hasNonNull("id")) {
        JsonNode id = item.hasNonNull("meeting_id") ? item.get("meeting_id") : item.get("id");
        return meetings.owned(userId, Long.parseLong(id.asString()));
      }
      String platform = item.path("platform").asString("");
      String nativeId =
          item.path("native_id").asString(item.path("native_meeting_id").asString(""));
      if (platform.isEmpty() || nativeId.isEmpty()) {
        errors.add(label + ": platform and native_id are required");
        return null;
      }
      return meetings.latestOwned(userId, platform, nativeId);
    } catch (MeetingNotFoundException | NumberFormatException e) {
      errors.add(label + ": meeting not found");
      return null;
    } catch (ProblemException e) {
      errors.add(label + ": " + e.getBody().getDetail());
      return null;
    }
  }

  private static String label(JsonNode item) {
    if (item.hasNonNull("meeting_id")) {
      return "meeting " + item.get("meeting_id").asString();
    }
    return item.path("platform").asString("?") + "/" + item.path("native_id").asString("?");
  }

  private static Map<String, Object> reference(Meeting meeting) {
    Map<String, Object> ref = new LinkedHashMap<>();
    ref.put("platform", meeting.platform());
    ref.put("native_id", meeting.nativeMeetingId());
    ref.put("meeting_id", meeting.id());
    return ref;
  }

  @Override
  public void afterConnectionClosed(WebSocketSession raw, CloseStatus status) {
    Connection connection = connections.remove(raw.getId());
    if (connection != null) {
      connection.meetings.forEach(id -> subscriptions.unsubscribe(id, connection.session));
    }
  }

  private void send(WebSocketSession session, Map<String, ?> frame) throws IOException {
    if (session.isOpen()) {
      session.sendMessage(new TextMessage(json.writeValueAsString(frame)));
    }
  }

  /** One open socket: its user and the meetings it follows. */
  private record Connection(String userId, WebSocketSession session, Set<Long> meetings) {
    Connection(String userId, WebSocketSession session) {
      this(userId, session, ConcurrentHashMap.newKeySet());
    }
  }
}
