package io.budai.voice.ws;

import io.budai.voice.VoiceProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * Mounts {@code /ws/audio} and {@code /ws/segments}. Both authenticate by API key themselves (they
 * are in {@code budai.internal-auth.public-paths}), so any origin may connect: no cookie is ever
 * involved.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {

  private final List<StreamEndpoint> endpoints;

  WebSocketConfig(List<StreamEndpoint> endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    for (StreamEndpoint endpoint : endpoints) {
      registry
          .addHandler(endpoint.handler(), endpoint.path())
          .addInterceptors(new HandshakeCapture())
          .setAllowedOriginPatterns("*");
    }
  }

  /**
   * The container buffers a whole message before the handler sees it. It is set well above our own
   * frame limit so an oversized frame reaches the handler and is refused with our reason; only a
   * frame beyond four times the limit is cut off by the container itself (also 1009).
   */
  @Bean
  ServletServerContainerFactoryBean webSocketContainer(VoiceProperties properties) {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    int frame = properties.audio().maxFrameBytes();
    container.setMaxBinaryMessageBufferSize(frame * 2);
    container.setMaxTextMessageBufferSize(64 * 1024);
    container.setMaxSessionIdleTimeout(120_000L);
    return container;
  }
}
