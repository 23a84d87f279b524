package dev.syspatterns.realtime;

import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** A WebSocket client on the JDK HttpClient that collects the server's JSON frames. */
public final class WebSocketTestClient implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile Integer closeCode;
    private WebSocket socket;

    /** Connects and takes the server's first frame, its welcome, as a client must before it sends. */
    public static WebSocketTestClient connect(RealtimeHttp http) {
        WebSocketTestClient client = new WebSocketTestClient();
        client.socket = RealtimeHttp.CLIENT
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(http.wsUri()), client)
                .join();
        try {
            JsonNode first = client.next();
            if (!"welcome".equals(first.path("type").asString())) {
                throw new AssertionError("the first frame was not the welcome but " + first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return client;
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    /** The very next frame, whatever its type; fails if none comes in time. */
    public JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(30, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame arrived (close code " + closeCode + ")");
        }
        return frame;
    }

    /**
     * Sends a ping and fails unless the very next frame is its pong. {@link #next(String)} skips frames of other
     * types, so after the expected messages this is what shows that no duplicate or extra frame came with them.
     */
    public void assertPongIsNextFrame() throws InterruptedException {
        send("{\"type\":\"ping\"}");
        JsonNode frame = next();
        if (!"pong".equals(frame.path("type").asString())) {
            throw new AssertionError("expected the pong as the next frame, got " + frame);
        }
    }

    /** The next frame of {@code type}, skipping others; fails if none comes in time. */
    public JsonNode next(String type) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (frame == null) {
                throw new AssertionError("no '" + type + "' frame arrived (close code " + closeCode + ")");
            }
            if (type.equals(frame.path("type").asString())) {
                return frame;
            }
        }
    }

    /** The next {@code count} frames of {@code type}, skipping others. */
    public List<JsonNode> next(String type, int count) throws InterruptedException {
        List<JsonNode> result = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            result.add(next(type));
        }
        return result;
    }

    public Integer closeCode() {
        return closeCode;
    }

    /** Waits up to {@code limit} for the server to close the socket; its close code, or null if it stayed open. */
    public Integer awaitCloseCode(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (closeCode == null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return closeCode;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(RealtimeHttp.JSON.readTree(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode = statusCode;
        return null;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
