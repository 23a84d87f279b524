package dev.syspatterns.jobs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The job API over real HTTP, as a client sees it. */
public final class JobsApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    public JobsApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String contentType, String header, JsonNode body) {}

    public Response submit(String body, String idempotencyKey) {
        return submit(body, idempotencyKey, null);
    }

    /** Submits with a W3C {@code traceparent} (null: none), as a request through the gateway carries one. */
    public Response submit(String body, String idempotencyKey, String traceparent) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/jobs"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return send(request.build());
    }

    /** Submits and returns the new job's id, failing unless the answer is 202. */
    public UUID submitted(String body) {
        Response response = submit(body, null);
        if (response.status() != 202) {
            throw new AssertionError("expected 202, got " + response);
        }
        return UUID.fromString(response.body().get("id").stringValue());
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** A GET whose body is not JSON (e.g. /actuator/prometheus), as text; fails unless the answer is 200. */
    public String text(String path) {
        HttpResponse<String> response =
                exchange(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("expected 200 from " + path + ", got " + response.statusCode());
        }
        return response.body();
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    }

    public JsonNode job(UUID id) {
        return get("/api/jobs/" + id).body();
    }

    public JsonNode awaitJob(UUID id, Duration timeout, Predicate<JsonNode> condition) {
        List<JsonNode> seen = new ArrayList<>(1);
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode job = job(id);
            seen.clear();
            seen.add(job);
            return condition.test(job);
        });
        return seen.getFirst();
    }

    public JsonNode awaitStatus(UUID id, String status, Duration timeout) {
        return awaitJob(id, timeout, job -> status.equals(job.get("status").stringValue()));
    }

    private Response send(HttpRequest request) {
        HttpResponse<String> response = exchange(request);
        JsonNode body = response.body().isEmpty() ? null : json.readTree(response.body());
        return new Response(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Idempotent-Replayed").orElse(""),
                body);
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
