package dev.syspatterns.inventory.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syspatterns.inventory.InventoryApi;
import dev.syspatterns.inventory.InventoryServiceTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Creating, reading and searching products. */
@InventoryServiceTest
class CatalogApiTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    InventoryApi api;

    @BeforeEach
    void client() {
        api = new InventoryApi(port);
    }

    private static Map<String, Object> product(String sku, Object name, Object priceCents, Object stock) {
        return Map.of("sku", sku, "name", name, "description", "A thing", "priceCents", priceCents, "stock", stock);
    }

    @Test
    void createsAProductAndReadsItBack() {
        String sku = "sku-" + UUID.randomUUID();

        InventoryApi.Reply created = api.post("/api/inventory/products", product(sku, "Lamp", 2500, 7));

        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/inventory/products/" + id);
        assertThat(created.json().get("version").asLong()).isZero();
        assertThat(created.header("X-Write-Position")).matches("[0-9A-F]+/[0-9A-F]+");

        InventoryApi.Reply read =
                api.get("/api/inventory/products/" + id, "X-Write-Position", created.header("X-Write-Position"));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("sku").asString()).isEqualTo(sku);
        assertThat(read.json().get("stock").asInt()).isEqualTo(7);
    }

    @Test
    void duplicateSkuIsAConflict() {
        String sku = "sku-" + UUID.randomUUID();
        api.post("/api/inventory/products", product(sku, "Lamp", 2500, 7));

        InventoryApi.Reply duplicate = api.post("/api/inventory/products", product(sku, "Other lamp", 100, 1));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.json().get("detail").asString()).contains(sku);
    }

    @Test
    void invalidProductIsABadRequestNamingEachFieldAndWritesNothing() {
        String sku = "sku-" + UUID.randomUUID();

        InventoryApi.Reply bad = api.post("/api/inventory/products", product(sku, " ", -1, -5));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json()
                        .get("invalidParams")
                        .valueStream()
                        .map(p -> p.get("name").asString()))
                .contains("name", "priceCents", "stock");
        assertThat(jdbc.sql("select count(*) from product where sku = ?")
                        .param(sku)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void unknownProductIsNotFound() {
        InventoryApi.Reply missing = api.get("/api/inventory/products/" + Long.MAX_VALUE);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void searchFindsProductsByNameAndDescriptionPageByPage() {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        api.createProduct("Kettle " + word, "steel", 1);
        api.createProduct("Teapot", "a pot like a " + word, 1);
        api.createProduct("Unrelated", "nothing", 1);

        // the replica serves the search, so wait until it replayed the inserts
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            InventoryApi.Reply page = api.get("/api/inventory/products?q=" + word + "&page=0&size=1");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.json().get("total").asLong()).isEqualTo(2);
        });
        InventoryApi.Reply first = api.get("/api/inventory/products?q=" + word + "&page=0&size=1");
        InventoryApi.Reply second = api.get("/api/inventory/products?q=" + word + "&page=1&size=1");

        // a name match ranks above a description match
        assertThat(first.json().get("items").get(0).get("name").asString()).isEqualTo("Kettle " + word);
        assertThat(second.json().get("items").get(0).get("name").asString()).isEqualTo("Teapot");
        assertThat(first.header("X-Read-Source")).isIn("replica", "primary");
    }

    @Test
    void oversizedPageIsABadRequest() {
        InventoryApi.Reply bad = api.get("/api/inventory/products?q=x&size=1000");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }
}
