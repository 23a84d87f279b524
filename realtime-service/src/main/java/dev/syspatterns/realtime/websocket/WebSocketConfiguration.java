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
     * Tomcat allocates its read buffers for every open socket, so they are the floor of memory per connection.
     * They stay small: the handler takes larger frames in pieces and assembles them up to
     * {@code max-frame-bytes} (answering an oversized payload with an error frame, closing with 1009 beyond).
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(READ_BUFFER);
        container.setMaxBinaryMessageBufferSize(READ_BUFFER);
        return container;
    }

    /** Subscribe, ping and most publish frames fit whole; bigger ones arrive in pieces of this size. */
    static final int READ_BUFFER = 8 * 1024;
}
