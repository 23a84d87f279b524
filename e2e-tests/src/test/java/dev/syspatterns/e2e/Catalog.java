package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Products in inventory-service, through the gateway, as the scenarios need them. */
final class Catalog {

    private final Gateway gateway;
    private final String token;

    Catalog(Gateway gateway, String token) {
        this.gateway = gateway;
        this.token = token;
    }

    /** A product with a sku no earlier run used, so its stock and its events are this scenario's alone. */
    JsonNode newProduct(int stock, long priceCents) {
        String sku = Gateway.unique("e2e-sku");
        var created = gateway.postJson(
                "/api/inventory/products",
                token,
                Map.of(
                        "sku", sku,
                        "name", "End-to-end " + sku,
                        "description", "made by the end-to-end suite",
                        "priceCents", priceCents,
                        "stock", stock));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Gateway.json(created);
    }

    /** The product's stock once reads have caught up with the writes (cache eviction, replica replay) or the timeout. */
    long stockSettlingAt(long productId, long expected) {
        return Eventually.poll(Duration.ofSeconds(10), () -> stock(productId), stock -> stock == expected);
    }

    long stock(long productId) {
        var product = gateway.get("/api/inventory/products/" + productId, token);
        assertThat(product.statusCode()).as(product.body()).isEqualTo(200);
        return Gateway.json(product).get("stock").asLong();
    }
}
