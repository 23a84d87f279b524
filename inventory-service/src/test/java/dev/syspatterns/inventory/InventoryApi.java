package dev.syspatterns.inventory;

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

/** A plain HTTP client for the service under test: real requests over loopback, JSON in and out. */
public final class InventoryApi {

    /** A response: status, headers and the body parsed as JSON (null when empty). */
    public record Reply(int status, HttpResponse<String> raw, JsonNode json) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor())
            .build();

    public InventoryApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Reply get(String path, String... headers) {
        return send(builder(path, headers).GET());
    }

    public Reply post(String path, Object body, String... headers) {
        String text = body instanceof String s ? s : JSON.writeValueAsString(body);
        return send(builder(path, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    public Reply delete(String path, String... headers) {
        return send(builder(path, headers).DELETE());
    }

    /** Creates a product with a unique sku and returns its id. */
    public long createProduct(String name, int stock) {
        return createProduct(name, "", stock);
    }

    public long createProduct(String name, String description, int stock) {
        Reply created = post(
                "/api/inventory/products",
                Map.of(
                        "sku", "sku-" + UUID.randomUUID(),
                        "name", name,
                        "description", description,
                        "priceCents", 1999,
                        "stock", stock));
        if (created.status() != 201) {
            throw new IllegalStateException(
                    "could not create product: " + created.raw().body());
        }
        return created.json().get("id").asLong();
    }

    public Reply purchase(long productId, int quantity, String strategy, String idempotencyKey) {
        return post(
                "/api/inventory/products/" + productId + "/purchases",
                Map.of("quantity", quantity, "strategy", strategy),
                "Idempotency-Key",
                idempotencyKey);
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
