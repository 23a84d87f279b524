package dev.syspatterns.realtime.websocket;

import dev.syspatterns.realtime.RealtimeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final RealtimeWebSocketHandler handler;
    private final RealtimeProperties.WebSocket settings;

    WebSocketConfiguration(RealtimeWebSocketHandler handler, RealtimeProperties properties) {
        this.handler = handler;
        this.settings = properties.websocket();
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/ws/realtime")
                .setAllowedOriginPatterns(settings.allowedOrigins().toArray(String[]::new));
    }

    /**
     * Frames up to {@code max-frame-bytes} reach the handler, which answers an oversized payload with an
     * error frame and keeps the socket; only frames beyond that make the container close it (1009).
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(settings.maxFrameBytes());
        // The protocol is JSON text: a small binary buffer, since Tomcat allocates both per open socket.
        container.setMaxBinaryMessageBufferSize(8 * 1024);
        return container;
    }
}
