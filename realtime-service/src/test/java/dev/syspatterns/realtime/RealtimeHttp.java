package dev.syspatterns.realtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A client of one realtime instance's HTTP API, as a test uses it: real requests on loopback. */
public final class RealtimeHttp {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** HTTP/1.1 (as browsers' EventSource and the gateway use it), virtual threads for streaming bodies. */
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();

    private final String base;

    public RealtimeHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static String uniqueChannel(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 12);
    }

    public URI uri(String path) {
        return URI.create(base + path);
    }

    public String wsUri() {
        return base.replace("http://", "ws://") + "/ws/realtime";
    }

    public HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(90))
                .build());
    }

    /** Publishes {@code data} (JSON) and returns the offset the service assigned. */
    public long publish(String channel, String data) {
        HttpResponse<String> response =
                post("/api/realtime/channels/" + channel + "/messages", "{\"data\":" + data + "}");
        if (response.statusCode() != 202) {
            throw new IllegalStateException("publish failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("offset").asLong();
    }

    public JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    public boolean ready() {
        try {
            return CLIENT.send(
                                    HttpRequest.newBuilder(uri("/actuator/health/readiness"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Waits until readiness says UP: the fan-out consumer positions itself on a thread of its own after the
     * context has started, so a freshly started instance is briefly (and rightly) not ready.
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instance at " + base + " never became ready within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
