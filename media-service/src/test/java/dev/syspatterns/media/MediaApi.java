package dev.syspatterns.media;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as a client sees it, over plain {@link HttpClient}. */
public final class MediaApi {

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final JsonMapper json;

    /** Registers a MediaApi for the test's server; lazy, because the port is known only once it runs. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Client {

        @Bean
        @Lazy
        MediaApi mediaApi(Environment environment, JsonMapper json) {
            return new MediaApi(environment.getRequiredProperty("local.server.port", Integer.class), json);
        }
    }

    public MediaApi(int port, JsonMapper json) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.json = json;
    }

    public record Reply(int status, JsonNode body, String contentType) {}

    public Reply post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).DELETE());
    }

    /** Plans an upload; the JSON request is built from the given fields (null ones are left out). */
    public Reply plan(String filename, String contentType, long size, String sha256, String visibility, String method) {
        var request = json.createObjectNode()
                .put("filename", filename)
                .put("contentType", contentType)
                .put("size", size);
        if (sha256 != null) {
            request.put("sha256", sha256);
        }
        if (visibility != null) {
            request.put("visibility", visibility);
        }
        if (method != null) {
            request.put("method", method);
        }
        return post("/api/media/uploads", json.writeValueAsString(request));
    }

    public int port() {
        return base.getPort();
    }

    public JsonMapper json() {
        return json;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            JsonNode body = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            return new Reply(
                    response.statusCode(),
                    body,
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
