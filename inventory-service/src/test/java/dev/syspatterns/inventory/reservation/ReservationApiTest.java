package dev.syspatterns.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.inventory.InventoryApi;
import dev.syspatterns.inventory.InventoryServiceTest;
import dev.syspatterns.inventory.StoredStock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The contract workflow-service's saga relies on: reserve and release, each idempotent. */
@InventoryServiceTest
class ReservationApiTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    InventoryApi api;
    long productId;

    @BeforeEach
    void product() {
        api = new InventoryApi(port);
        productId = api.createProduct("Reservable", 5);
    }

    private int stock() {
        return StoredStock.of(jdbc, productId);
    }

    private InventoryApi.Reply reserve(String reservationId, long product, int quantity) {
        return api.post(
                "/api/inventory/reservations",
                Map.of("reservationId", reservationId, "productId", product, "quantity", quantity));
    }

    @Test
    void reservingTwiceWithOneIdReservesOnce() {
        String id = "order-" + UUID.randomUUID();

        InventoryApi.Reply first = reserve(id, productId, 2);
        InventoryApi.Reply again = reserve(id, productId, 2);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("reservationId").asString()).isEqualTo(id);
        assertThat(first.json().get("status").asString()).isEqualTo("RESERVED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(stock()).isEqualTo(3);
    }

    @Test
    void releasingTwiceReturnsTheStockOnce() {
        String id = "order-" + UUID.randomUUID();
        reserve(id, productId, 2);

        InventoryApi.Reply released = api.delete("/api/inventory/reservations/" + id);
        InventoryApi.Reply releasedAgain = api.delete("/api/inventory/reservations/" + id);

        assertThat(released.status()).isEqualTo(204);
        assertThat(releasedAgain.status()).isEqualTo(204);
        assertThat(stock()).isEqualTo(5);
    }

    @Test
    void releasingAnUnknownReservationIsNoContent() {
        assertThat(api.delete("/api/inventory/reservations/never-" + UUID.randomUUID())
                        .status())
                .isEqualTo(204);
        assertThat(stock()).isEqualTo(5);
    }

    @Test
    void notEnoughStockIsAConflictAndReservesNothing() {
        String id = "order-" + UUID.randomUUID();

        InventoryApi.Reply refused = reserve(id, productId, 6);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(stock()).isEqualTo(5);
        assertThat(jdbc.sql("select count(*) from reservation where reservation_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void unknownProductIsNotFound() {
        InventoryApi.Reply missing = reserve("order-" + UUID.randomUUID(), Long.MAX_VALUE, 1);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void sameIdForADifferentQuantityIsAConflict() {
        String id = "order-" + UUID.randomUUID();
        reserve(id, productId, 1);

        InventoryApi.Reply reused = reserve(id, productId, 2);

        assertThat(reused.status()).isEqualTo(409);
        assertThat(stock()).isEqualTo(4);
    }

    @Test
    void invalidReservationIsABadRequest() {
        InventoryApi.Reply bad = api.post("/api/inventory/reservations", "{\"reservationId\": \"\", \"quantity\": 0}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }
}
