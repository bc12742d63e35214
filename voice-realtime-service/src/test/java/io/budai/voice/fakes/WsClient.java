package io.budai.voice.fakes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test client of the service's WebSockets (the JDK's client): sends text and binary frames,
 * streams audio at a fixed pace, and records every JSON message and the close.
 */
public final class WsClient implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** How the server closed the socket. */
  public record Close(int code, String reason) {}

  private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Close> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(URI uri, Map<String, String> headers) {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder();
    headers.forEach(builder::header);
    this.socket = builder.buildAsync(uri, new Listener()).join();
  }

  public static WsClient connect(URI uri, Map<String, String> headers) {
    return new WsClient(uri, headers);
  }

  public static WsClient connect(URI uri) {
    return new WsClient(uri, Map.of());
  }

  public WsClient text(String json) {
    socket.sendText(json, true).join();
    return this;
  }

  public WsClient json(Map<String, ?> message) {
    return text(JSON.writeValueAsString(message));
  }

  public WsClient binary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    return this;
  }

  /** Sends every frame, in order, as fast as the socket takes them. */
  public WsClient frames(List<byte[]> frames) {
    frames.forEach(this::binary);
    return this;
  }

  /**
   * Sends one frame every {@code period}, like a microphone; the future completes after the last.
   */
  public CompletableFuture<Void> pace(List<byte[]> frames, Duration period) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    CompletableFuture<Void> done = new CompletableFuture<>();
    Iterator<byte[]> next = frames.iterator();
    ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
    task[0] =
        timer.scheduleAtFixedRate(
            () -> {
              try {
                if (!next.hasNext() || closed.isDone()) {
                  done.complete(null);
                  timer.shutdown();
                  return;
                }
                socket.sendBinary(ByteBuffer.wrap(next.next()), true).get(5, TimeUnit.SECONDS);
              } catch (Exception e) {
                done.completeExceptionally(e);
                timer.shutdown();
              }
            },
            0,
            period.toNanos(),
            TimeUnit.NANOSECONDS);
    return done;
  }

  public List<JsonNode> messages() {
    return List.copyOf(messages);
  }

  /** Messages of one {@code type}. */
  public List<JsonNode> messages(String type) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode m : messages) {
      if (type.equals(m.path("type").asString(""))) {
        out.add(m);
      }
    }
    return out;
  }

  /** Waits for the first message of {@code type}. */
  public JsonNode await(String type) {
    Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> !messages(type).isEmpty());
    return messages(type).getFirst();
  }

  /** Waits for the server to close the socket. */
  public Close awaitClose() {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(closed::isDone);
    return closed.join();
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        messages.add(JSON.readTree(text.toString()));
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(new Close(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(new Close(-1, String.valueOf(error)));
    }
  }
}
