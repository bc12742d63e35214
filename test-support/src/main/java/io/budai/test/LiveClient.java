package io.budai.test;

import io.budai.contracts.BudaiHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the Vexa-compatible live transcript WebSocket ({@code /ws}, JDK WebSocket) that
 * records every frame and the close code; shared by the collector's and bot-manager's tests.
 */
public final class LiveClient implements WebSocket.Listener {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Every frame received, in order. */
  public final List<JsonNode> frames = new CopyOnWriteArrayList<>();

  /** The close code, or -1 while open. */
  public volatile int closeCode = -1;

  private final StringBuilder partial = new StringBuilder();
  private final WebSocket socket;

  private LiveClient(int port, Map<String, String> headers, String query) throws Exception {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    headers.forEach(builder::header);
    socket =
        builder
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + query), this)
            .get(10, TimeUnit.SECONDS);
  }

  /** Connects as the gateway does: internal token and the user's id. */
  public static LiveClient asUser(int port, String user) throws Exception {
    return new LiveClient(
        port,
        Map.of(
            BudaiHeaders.INTERNAL_TOKEN,
            TestInfrastructure.INTERNAL_TOKEN,
            BudaiHeaders.USER_ID,
            user),
        "");
  }

  /** Connects directly with optional headers and query. */
  public static LiveClient direct(int port, Map<String, String> headers, String query)
      throws Exception {
    return new LiveClient(port, headers, query);
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  public void subscribe(String platform, String nativeId) {
    send(
        """
        {"action":"subscribe","meetings":[{"platform":"%s","native_id":"%s"}]}"""
            .formatted(platform, nativeId));
  }

  public List<JsonNode> ofType(String type) {
    return frames.stream().filter(f -> type.equals(f.path("type").asString())).toList();
  }

  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
  }

  @Override
  public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      frames.add(JSON.readTree(partial.toString()));
      partial.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeCode = statusCode;
    return null;
  }
}
