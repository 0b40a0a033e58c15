package dev.wstest.samples.spring;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/** Serves {@link ChatHandler} on {@code /rooms/<room>}, behind {@link TokenInterceptor}, speaking chat.v1. */
@Configuration
@EnableWebSocket
public class ChatWebSocketConfig implements WebSocketConfigurer {

    private final ChatHandler chat;

    public ChatWebSocketConfig(ChatHandler chat) {
        this.chat = chat;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();
        handshake.setSupportedProtocols(ChatHandler.SUBPROTOCOL);
        registry.addHandler(chat, "/rooms/*")
                .setHandshakeHandler(handshake)
                .addInterceptors(new TokenInterceptor());
    }
}
