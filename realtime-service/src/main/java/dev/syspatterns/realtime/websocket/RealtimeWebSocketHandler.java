package dev.syspatterns.realtime.websocket;

import dev.syspatterns.realtime.RealtimeProperties;
import dev.syspatterns.realtime.channel.ChannelMessage;
import dev.syspatterns.realtime.channel.ChannelName;
import dev.syspatterns.realtime.channel.HistoryPage;
import dev.syspatterns.realtime.channel.MessagePublisher;
import dev.syspatterns.realtime.channel.PayloadTooLarge;
import dev.syspatterns.realtime.fanout.LocalSubscribers;
import dev.syspatterns.realtime.fanout.SubscriberSink;
import dev.syspatterns.realtime.fanout.Subscription;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /ws/realtime}: one socket, many channels. Client frames: {@code subscribe {channel, since?}},
 * {@code unsubscribe {channel}}, {@code publish {channel, data}}, {@code ping}. Server frames: see
 * {@link Frames}. A bad frame gets an {@code error} frame and the socket stays open.
 */
@Component
class RealtimeWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(RealtimeWebSocketHandler.class);

    /**
     * What one socket holds: its send-side buffer, its subscriptions by channel, and the pieces of a client
     * frame larger than the container's read buffer while that frame is still arriving.
     */
    private record Connection(
            WebSocketSession session, Map<String, Subscription> subscriptions, StringBuilder partialFrame) {}

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final LocalSubscribers subscribers;
    private final MessagePublisher publisher;
    private final JsonMapper json;
    private final RealtimeProperties.WebSocket settings;

    RealtimeWebSocketHandler(
            LocalSubscribers subscribers, MessagePublisher publisher, JsonMapper json, RealtimeProperties properties) {
        this.subscribers = subscribers;
        this.publisher = publisher;
        this.json = json;
        this.settings = properties.websocket();
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) throws IOException {
        // Sends from many subscriptions are serialized here; a client whose unsent bytes pass the limit, or
        // whose send blocks past the time limit, is closed instead of stalling the others.
        WebSocketSession bounded = new ConcurrentWebSocketSessionDecorator(
                session,
                (int) settings.sendTimeLimit().toMillis(),
                settings.sendBufferBytes(),
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        Connection connection = new Connection(bounded, new ConcurrentHashMap<>(), new StringBuilder(0));
        connections.put(session.getId(), connection);
        sendFrame(connection, new Frames.Welcome(settings.maxFrameBytes()));
    }

    /**
     * Frames arrive in pieces of the container's small read buffer (see {@link WebSocketConfiguration}), so
     * an idle socket costs kilobytes, not a buffer sized for the largest frame; only a socket in the middle of
     * a large frame holds it, until the frame is complete.
     */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
        Connection connection = connections.get(session.getId());
        if (connection == null) {
            return;
        }
        StringBuilder partial = connection.partialFrame();
        if (partial.length() + message.getPayload().length() > settings.maxFrameBytes()) {
            partial.setLength(0);
            partial.trimToSize();
            session.close(CloseStatus.TOO_BIG_TO_PROCESS.withReason(
                    "Frame larger than " + settings.maxFrameBytes() + " characters"));
            return;
        }
        if (message.isLast() && partial.isEmpty()) {
            handleFrame(connection, message.getPayload()); // the usual case: the whole frame in one piece
            return;
        }
        partial.append(message.getPayload());
        if (message.isLast()) {
            String text = partial.toString();
            partial.setLength(0);
            partial.trimToSize(); // give the large frame's memory back
            handleFrame(connection, text);
        }
    }

    private void handleFrame(Connection connection, String text) throws IOException {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JacksonException e) {
            sendFrame(connection, new Frames.Error("malformed-frame", "The frame is not JSON.", null));
            return;
        }
        if (frame == null || !frame.isObject()) {
            sendFrame(connection, new Frames.Error("malformed-frame", "A frame is a JSON object with a 'type'.", null));
            return;
        }
        String type = frame.path("type").asString("");
        switch (type) {
            case "subscribe" -> subscribe(connection, frame);
            case "unsubscribe" -> unsubscribe(connection, frame);
            case "publish" -> publish(connection, frame);
            case "ping" -> sendFrame(connection, new Frames.Pong());
            default ->
                sendFrame(
                        connection,
                        new Frames.Error(
                                "unknown-type",
                                "Unknown frame type '" + type + "'; use subscribe, unsubscribe, publish or ping.",
                                null));
        }
    }

    private void subscribe(Connection connection, JsonNode frame) throws IOException {
        String channel = channelOf(connection, frame);
        if (channel == null) {
            return;
        }
        JsonNode since = frame.get("since");
        if (since != null && !since.isNull() && !(since.canConvertToLong() && since.asLong() >= 0)) {
            sendFrame(connection, new Frames.Error("invalid-since", "'since' must be an offset >= 0.", channel));
            return;
        }
        Long after = since == null || since.isNull() ? null : since.asLong();
        Subscription previous = connection.subscriptions().remove(channel);
        if (previous != null) {
            previous.close();
        }
        connection.subscriptions().put(channel, subscribers.subscribe(channel, after, new WebSocketSink(connection)));
    }

    private void unsubscribe(Connection connection, JsonNode frame) throws IOException {
        String channel = channelOf(connection, frame);
        if (channel == null) {
            return;
        }
        Subscription subscription = connection.subscriptions().remove(channel);
        if (subscription != null) {
            subscription.close();
        }
        sendFrame(connection, new Frames.Unsubscribed(channel));
    }

    private void publish(Connection connection, JsonNode frame) throws IOException {
        String channel = channelOf(connection, frame);
        if (channel == null) {
            return;
        }
        if (!settings.publishAllowed()) {
            sendFrame(
                    connection, new Frames.Error("publish-not-allowed", "Publishing over the socket is off.", channel));
            return;
        }
        JsonNode data = frame.get("data");
        if (data == null) {
            sendFrame(connection, new Frames.Error("missing-data", "A publish frame needs 'data'.", channel));
            return;
        }
        try {
            ChannelMessage published = publisher.publish(channel, data, "websocket");
            sendFrame(connection, new Frames.Published(channel, published.epoch(), published.offset()));
        } catch (PayloadTooLarge e) {
            sendFrame(connection, new Frames.Error("payload-too-large", e.getMessage(), channel));
        }
    }

    /** The frame's valid channel, or null after telling the client what is wrong with it. */
    private String channelOf(Connection connection, JsonNode frame) throws IOException {
        String channel = frame.path("channel").asString("");
        if (!ChannelName.isValid(channel)) {
            sendFrame(
                    connection,
                    new Frames.Error(
                            "invalid-channel",
                            "Channel name '" + channel + "' is invalid: use " + ChannelName.RULE + ".",
                            null));
            return null;
        }
        return channel;
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("WebSocket {} failed: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Connection connection = connections.remove(session.getId());
        if (connection != null) {
            connection.subscriptions().values().forEach(Subscription::close);
        }
    }

    private void sendFrame(Connection connection, Object frame) throws IOException {
        connection.session().sendMessage(new TextMessage(json.writeValueAsString(frame)));
    }

    /** One channel's subscription on a socket. */
    private final class WebSocketSink implements SubscriberSink {

        private final Connection connection;

        WebSocketSink(Connection connection) {
            this.connection = connection;
        }

        @Override
        public String transport() {
            return "websocket";
        }

        @Override
        public void started(String channel, String epoch, long after) throws IOException {
            sendFrame(connection, new Frames.Subscribed(channel, epoch, after));
        }

        @Override
        public void send(ChannelMessage m) throws IOException {
            sendFrame(connection, new Frames.Message(m.channel(), m.epoch(), m.offset(), m.publishedAt(), m.data()));
        }

        @Override
        public void historyLost(HistoryPage page, long requestedSince) throws IOException {
            sendFrame(
                    connection,
                    new Frames.HistoryLost(
                            page.channel(), page.epoch(), requestedSince, page.earliestOffset(), page.latestOffset()));
        }

        @Override
        public void heartbeat() throws IOException {
            connection.session().sendMessage(new PingMessage());
        }

        @Override
        public void tooSlow(String channel, long resumeFrom) {
            try {
                sendFrame(
                        connection,
                        new Frames.Error(
                                "slow-consumer",
                                "The client fell too far behind; subscribe again with since=" + resumeFrom,
                                channel,
                                resumeFrom));
                connection.session().close(CloseStatus.SERVICE_OVERLOAD.withReason("slow consumer"));
            } catch (IOException e) {
                log.debug("Could not close slow WebSocket client", e);
            }
        }
    }
}
