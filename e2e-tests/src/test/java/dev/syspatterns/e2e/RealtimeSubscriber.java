package dev.syspatterns.e2e;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * A client of realtime-service through the gateway, as a browser would be one: a WebSocket or an EventSource,
 * both authenticated with {@code ?access_token=} because neither can set an Authorization header.
 * It collects every message of one channel, in arrival order: its {@code data} for the scenarios, its offset to check
 * that realtime-service delivered none twice.
 */
abstract sealed class RealtimeSubscriber implements AutoCloseable {

    final String channel;
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    /** Whole messages ({@code offset}, {@code data}, ...), as realtime-service sent them. */
    private final List<JsonNode> received = new ArrayList<>();

    RealtimeSubscriber(String channel) {
        this.channel = channel;
    }

    /** Subscribes from offset {@code since} (0 = the channel's whole history), so nothing published earlier is missed. */
    static RealtimeSubscriber webSocket(HttpClient http, String token, String channel, long since) {
        return new OverWebSocket(http, token, channel, since);
    }

    static RealtimeSubscriber sse(HttpClient http, String token, String channel, long since) {
        return new OverSse(http, token, channel, since);
    }

    /** A message of the channel: {@code channel}, {@code epoch}, {@code offset}, {@code publishedAt}, {@code data}. */
    void deliver(JsonNode message) {
        messages.add(message);
    }

    /** Waits until a message's data matches, and returns the data of every message received so far, in order. */
    List<JsonNode> awaitMessage(Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (received.stream().map(RealtimeSubscriber::dataOf).anyMatch(match)) {
            return data();
        }
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode next;
            try {
                next = left > 0 ? messages.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (next == null) {
                throw new AssertionError("no matching message on " + channel + " over " + transport() + " within "
                        + timeout + "; received " + data());
            }
            received.add(next);
            if (match.test(dataOf(next))) {
                return data();
            }
        }
    }

    /**
     * The offsets of the messages {@link #awaitMessage} has taken so far, in arrival order. realtime-service
     * catches a subscription up from history, then goes live, dropping what it already sent: each offset once,
     * ascending.
     */
    List<Long> offsets() {
        return received.stream().map(message -> message.get("offset").asLong()).toList();
    }

    private List<JsonNode> data() {
        return received.stream().map(RealtimeSubscriber::dataOf).toList();
    }

    private static JsonNode dataOf(JsonNode message) {
        return message.get("data");
    }

    abstract String transport();

    @Override
    public abstract void close();

    /**
     * The stock levels of one product in these StockChanged messages, once per version: inventory-service's outbox
     * relays at least once (a batch whose send timed out is rolled back and sent again, as new Kafka records), and
     * realtime-service dedupes per record, so one change can be two messages.
     */
    static List<Long> stockLevels(List<JsonNode> messages, String sku) {
        return messages.stream()
                .filter(data -> sku.equals(data.path("sku").asString()))
                .collect(java.util.stream.Collectors.toMap(
                        data -> data.get("version").asLong(),
                        data -> data.get("stock").asLong(),
                        (first, again) -> first,
                        java.util.LinkedHashMap::new))
                .values()
                .stream()
                .toList();
    }

    static final class OverWebSocket extends RealtimeSubscriber {

        private final WebSocket socket;
        private final CompletableFuture<JsonNode> welcomed = new CompletableFuture<>();
        private final CompletableFuture<JsonNode> subscribed = new CompletableFuture<>();

        OverWebSocket(HttpClient http, String token, String channel, long since) {
            super(channel);
            URI uri = URI.create("ws://" + Gateway.BASE.getAuthority() + "/ws/realtime?access_token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8));
            socket = http.newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(uri, new Frames())
                    .orTimeout(10, TimeUnit.SECONDS)
                    .join();
            // the first frame only after the server's welcome: the gateway answers the upgrade before it has
            // connected upstream, and a frame sent in that moment can be lost
            welcomed.orTimeout(10, TimeUnit.SECONDS).join();
            socket.sendText(
                            Gateway.JSON.writeValueAsString(
                                    java.util.Map.of("type", "subscribe", "channel", channel, "since", since)),
                            true)
                    .join();
            JsonNode ack = subscribed.orTimeout(10, TimeUnit.SECONDS).join();
            if (!"subscribed".equals(ack.path("type").asString())) {
                throw new AssertionError("subscribing to " + channel + " over WebSocket answered " + ack);
            }
        }

        @Override
        String transport() {
            return "WebSocket";
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done")
                    .orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null);
            socket.abort();
        }

        private final class Frames implements WebSocket.Listener {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonNode frame = Gateway.JSON.readTree(partial.toString());
                    partial.setLength(0);
                    switch (frame.path("type").asString()) {
                        case "message" -> deliver(frame);
                        case "welcome" -> welcomed.complete(frame);
                        case "subscribed", "error" -> subscribed.complete(frame);
                        default -> {}
                    }
                }
                webSocket.request(1);
                return null;
            }
        }
    }

    static final class OverSse extends RealtimeSubscriber {

        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        OverSse(HttpClient http, String token, String channel, long since) {
            super(channel);
            HttpRequest request = HttpRequest.newBuilder(
                            Gateway.BASE.resolve("/api/realtime/channels/" + channel + "/stream?access_token="
                                    + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&since=" + since))
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            response = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
            HttpResponse<Stream<String>> opened =
                    response.orTimeout(10, TimeUnit.SECONDS).join();
            if (opened.statusCode() != 200) {
                throw new AssertionError("SSE stream of " + channel + " answered " + opened.statusCode());
            }
            Thread.ofVirtual().name("sse-" + channel).start(() -> read(opened.body()));
        }

        private void read(Stream<String> lines) {
            var event = new StringBuilder();
            var data = new StringBuilder();
            try {
                lines.forEach(line -> {
                    if (line.isEmpty()) {
                        if ("message".contentEquals(event) && !data.isEmpty()) {
                            deliver(Gateway.JSON.readTree(data.toString()));
                        }
                        event.setLength(0);
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        event.append(line.substring(6).strip());
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                });
            } catch (RuntimeException closed) {
                // the stream ends when the test closes it
            }
        }

        @Override
        String transport() {
            return "SSE";
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
        }
    }
}
