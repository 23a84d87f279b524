package dev.syspatterns.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small real service for the gateway to route to, on a random loopback port: it echoes what it received as
 * JSON (its name, method, path, query, headers, body size), streams Server-Sent Events under {@code .../stream} (as
 * realtime-service's {@code /api/realtime/channels/{channel}/stream}, with its name in {@code X-Instance}), answers
 * {@code .../slow} only after six seconds, {@code .../busy} after half a second (within the response timeout: to
 * hold many calls open at once), and echoes WebSocket messages on {@code /ws/realtime}, first telling its name and
 * the user.
 */
public final class UpstreamStub {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SLOW = Duration.ofSeconds(6);
    private static final Duration BUSY = Duration.ofMillis(500);

    /** Which stub answered an SSE stream (an echo says it in its body). */
    public static final String INSTANCE_HEADER = "X-Instance";

    private final String name;
    private final DisposableServer server;
    private volatile Sinks.Empty<Void> sseRelease = Sinks.empty();
    private final AtomicBoolean sseFinished = new AtomicBoolean();

    private UpstreamStub(String name) {
        this.name = name;
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .handle(this::handle)
                .bindNow();
    }

    public static UpstreamStub start(String name) {
        return new UpstreamStub(name);
    }

    public String name() {
        return name;
    }

    public String uri() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Lets the current SSE stream send its last event and end. */
    public void releaseSse() {
        sseRelease.tryEmitEmpty();
    }

    public boolean sseFinished() {
        return sseFinished.get();
    }

    private Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        if (request.requestHeaders().containsValue("Upgrade", "websocket", true)) {
            String user = request.requestHeaders().get("X-User-Id");
            return response.sendWebsocket((in, out) -> out.sendString(Flux.concat(
                    Mono.just(name + " user=" + user), in.receive().asString().map(text -> name + " echo:" + text))));
        }
        if (request.path().endsWith("slow")) {
            return Mono.delay(SLOW).then(response.sendString(Mono.just("late")).then());
        }
        if (request.path().endsWith("busy")) {
            return Mono.delay(BUSY)
                    .then(response.sendString(Mono.just(name + " busy")).then());
        }
        if (request.path().endsWith("/stream")) {
            return streamEvents(response);
        }
        return request.receive()
                .aggregate()
                .asByteArray()
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> {
                    Map<String, Object> echo = new LinkedHashMap<>();
                    echo.put("instance", name);
                    echo.put("method", request.method().name());
                    echo.put("uri", request.uri());
                    echo.put("bodyBytes", body.length);
                    Map<String, String> headers = new LinkedHashMap<>();
                    request.requestHeaders()
                            .forEach(h -> headers.merge(h.getKey(), h.getValue(), (a, b) -> a + "," + b));
                    echo.put("headers", headers);
                    return response.header("Content-Type", "application/json")
                            .sendByteArray(Mono.just(JSON.writeValueAsBytes(echo)))
                            .then();
                });
    }

    private Publisher<Void> streamEvents(HttpServerResponse response) {
        sseFinished.set(false);
        sseRelease = Sinks.empty();
        Mono<ByteBuf> last = sseRelease
                .asMono()
                .timeout(Duration.ofSeconds(30), Mono.empty())
                .then(Mono.fromCallable(() -> event("last")))
                .doFinally(signal -> sseFinished.set(true));
        // Flush after every event, as a real SSE endpoint does.
        return response.header("Content-Type", "text/event-stream")
                .header(INSTANCE_HEADER, name)
                .send(Flux.concat(Mono.fromCallable(() -> event("first")), last), buffer -> true);
    }

    private static ByteBuf event(String data) {
        return Unpooled.copiedBuffer("data: " + data + "\n\n", StandardCharsets.UTF_8);
    }

    /** The body the stub answered with, parsed. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String body) {
        return JSON.readValue(body, Map.class);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, String> headersOf(Map<String, Object> echo) {
        return (Map<String, String>) echo.get("headers");
    }
}
