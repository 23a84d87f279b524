package dev.syspatterns.realtime;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/** An SSE client on the JDK HttpClient: reads the stream line by line on a virtual thread, parses events. */
public final class SseTestClient implements AutoCloseable {

    /** One event; {@code id} and {@code name} as sent, {@code data} parsed as JSON. */
    public record Event(String id, String name, JsonNode data) {
        public long offset() {
            return data.get("offset").asLong();
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private volatile Stream<String> lines;
    private volatile int status;

    private SseTestClient() {}

    /** Opens the stream; {@code lastEventId} may be null. */
    public static SseTestClient connect(RealtimeHttp http, String channel, String lastEventId) {
        SseTestClient client = new SseTestClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(http.uri("/api/realtime/channels/" + channel + "/stream"))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        CompletableFuture<HttpResponse<Stream<String>>> response =
                RealtimeHttp.CLIENT.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
        Thread.ofVirtual().start(() -> client.read(response));
        return client;
    }

    private void read(CompletableFuture<HttpResponse<Stream<String>>> response) {
        try {
            HttpResponse<Stream<String>> r = response.join();
            status = r.statusCode();
            lines = r.body();
            String id = null;
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, name, RealtimeHttp.JSON.readTree(data.toString())));
                    }
                    id = null;
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    if (line.startsWith(":subscribed")) {
                        subscribed.countDown();
                    }
                } else if (line.startsWith("id:")) {
                    id = line.substring(3);
                } else if (line.startsWith("event:")) {
                    name = line.substring(6);
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                }
            }
        } catch (RuntimeException e) {
            // the stream was closed by the test or the server
        }
    }

    /** Waits until the server confirmed the subscription (its first comment). */
    public SseTestClient awaitSubscribed() throws InterruptedException {
        if (!subscribed.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("SSE subscription was not confirmed (status " + status + ")");
        }
        return this;
    }

    /** The next {@code count} events of any name, in arrival order (fewer if they do not come in time). */
    public List<Event> take(int count, Duration within) throws InterruptedException {
        List<Event> taken = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (taken.size() < count) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                break;
            }
            taken.add(event);
        }
        return taken;
    }

    /** Events received but not yet taken. */
    public List<Event> drain() {
        List<Event> rest = new ArrayList<>();
        events.drainTo(rest);
        return rest;
    }

    @Override
    public void close() {
        Stream<String> current = lines;
        if (current != null) {
            current.close();
        }
    }
}
