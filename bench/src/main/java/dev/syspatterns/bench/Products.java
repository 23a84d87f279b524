package dev.syspatterns.bench;

import java.net.URI;
import java.util.Map;

/** Products a benchmark creates for itself in inventory-service, through its public API. */
public final class Products {

    private Products() {}

    /** Creates a product and returns its id; {@code sku} must be unique (a 409 fails the run). */
    public static long create(Http http, URI inventory, String sku, String purpose, long priceCents, int stock) {
        return Http.json(Http.expect(
                        201,
                        http.postJson(
                                inventory.resolve("/api/inventory/products"),
                                Map.of(
                                        "sku",
                                        sku,
                                        "name",
                                        "Bench item " + sku,
                                        "description",
                                        purpose,
                                        "priceCents",
                                        priceCents,
                                        "stock",
                                        stock))))
                .get("id")
                .asLong();
    }
}
