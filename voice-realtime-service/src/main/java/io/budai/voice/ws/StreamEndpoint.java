package io.budai.voice.ws;

import org.springframework.web.socket.WebSocketHandler;

/** A WebSocket endpoint of this service; {@link WebSocketConfig} mounts every one. */
public interface StreamEndpoint {

  /** The path ({@code /ws/audio}). */
  String path();

  /** The handler. */
  WebSocketHandler handler();
}
