package dev.syspatterns.geo;

import dev.syspatterns.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One application context for every integration test of the module (same configuration, so Spring caches
 * it): places in {@code test_geo}, pings in four shard databases behind cuttable proxies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = "geo")
public abstract class GeoIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    @DynamicPropertySource
    static void shards(DynamicPropertyRegistry registry) {
        for (int i = 0; i < TestShards.COUNT; i++) {
            int index = i;
            registry.add("platform.geo.shards[" + i + "].name", () -> "shard-" + index);
            registry.add("platform.geo.shards[" + i + "].url", () -> TestShards.serviceUrl(index));
        }
    }

    protected HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build());
    }

    protected HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    protected HttpResponse<String> postJson(String path, Object body) {
        return post(path, "application/json", json.writeValueAsString(body));
    }

    protected JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
