package io.budai.collector.live;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * Registers {@code /ws}. Any origin is accepted: the socket carries no cookies, only an API key or
 * the gateway's forwarded identity.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LiveWebSocketConfig implements WebSocketConfigurer {

  private final LiveSocketHandler handler;
  private final LiveAuthenticator authenticator;

  LiveWebSocketConfig(LiveSocketHandler handler, LiveAuthenticator authenticator) {
    this.handler = handler;
    this.authenticator = authenticator;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry.addHandler(handler, "/ws").addInterceptors(authenticator).setAllowedOrigins("*");
  }
}
