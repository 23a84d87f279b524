package dev.syspatterns.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one address the end-to-end scenarios talk to: the gateway of a platform started by ./platform up. */
final class Gateway {

    static final URI BASE = URI.create(System.getProperty("e2e.gateway", "http://127.0.0.1:8080"));
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * A name no earlier run used: skus, user ids, channels and driver ids are made of these, so a scenario never
     * meets what an earlier run left behind in the shared databases, Redis or Kafka.
     */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A token for this user from the gateway's local issuer; each user has its own rate-limit buckets. */
    String token(String userId) {
        var response = postJson("/api/auth/token", null, Map.of("userId", userId));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "no token for " + userId + ": " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asString();
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    HttpResponse<String> postJson(String path, String token, Object body) {
        return postJson(path, token, body, Map.of());
    }

    HttpResponse<String> postJson(String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(BASE.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "the gateway at " + BASE + " did not answer " + request.uri()
                            + ": is the platform up (./platform up)?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpClient client() {
        return http;
    }
}
