package dev.syspatterns.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.inventory.InventoryApi;
import dev.syspatterns.inventory.InventoryProperties;
import dev.syspatterns.inventory.InventoryServiceTest;
import dev.syspatterns.inventory.StoredStock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The purchase API: idempotency, refusals, and bad input that writes nothing. */
@InventoryServiceTest
class PurchaseApiTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InventoryProperties properties;

    InventoryApi api;
    long productId;

    @BeforeEach
    void product() {
        api = new InventoryApi(port);
        productId = api.createProduct("Purchasable", 5);
    }

    private int stock() {
        return StoredStock.of(jdbc, productId);
    }

    private long purchases() {
        return jdbc.sql("select count(*) from purchase where product_id = ?")
                .param(productId)
                .query(Long.class)
                .single();
    }

    @Test
    void sameIdempotencyKeyReturnsTheFirstAnswerAndSellsOnce() {
        String key = UUID.randomUUID().toString();

        InventoryApi.Reply first = api.purchase(productId, 2, "PESSIMISTIC", key);
        InventoryApi.Reply again = api.purchase(productId, 2, "OPTIMISTIC", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("remainingStock").asInt()).isEqualTo(3);
        assertThat(first.header("Idempotent-Replayed")).isEqualTo("false");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());
        assertThat(stock()).isEqualTo(3);
        assertThat(purchases()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PESSIMISTIC", "OPTIMISTIC", "DISTRIBUTED_LOCK"})
    void concurrentRequestsWithOneIdempotencyKeySellOnce(String strategy) throws Exception {
        // a client that retries before its first answer arrives: ten copies of one request at once
        String key = UUID.randomUUID().toString();
        List<InventoryApi.Reply> replies;
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<InventoryApi.Reply>> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                sent.add(clients.submit(() -> {
                    go.await();
                    return api.purchase(productId, 1, strategy, key);
                }));
            }
            go.countDown();
            replies = new ArrayList<>();
            for (Future<InventoryApi.Reply> reply : sent) {
                replies.add(reply.get());
            }
        }

        assertThat(replies).extracting(InventoryApi.Reply::status).containsOnly(201);
        assertThat(replies)
                .extracting(r -> r.json().get("purchaseId").asString())
                .as("one purchase, the same answer to every copy")
                .containsOnly(replies.getFirst().json().get("purchaseId").asString());
        assertThat(stock()).isEqualTo(4);
        assertThat(purchases()).isEqualTo(1);
    }

    @Test
    void optimisticPurchaseThatLosesEveryRaceIsA503ThatSellsNothing() {
        // given a product whose conditional update always finds no row to change, as if another buyer had
        // changed its version first every time (a trigger drops the update)
        String trigger = "lose_every_race_" + productId;
        jdbc.sql("create function " + trigger + "() returns trigger language plpgsql as $$ begin return null; end $$")
                .update();
        jdbc.sql("create trigger " + trigger + " before update on product for each row when (old.id = " + productId
                        + ") execute function " + trigger + "()")
                .update();
        try {
            // when an optimistic purchase retries until it runs out of attempts
            InventoryApi.Reply reply =
                    api.purchase(productId, 1, "OPTIMISTIC", UUID.randomUUID().toString());

            // then it is told to retry later, and nothing was sold
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("attempts").asInt())
                    .isEqualTo(properties.optimistic().maxAttempts());
            assertThat(reply.json().get("detail").asString()).contains("nothing was sold");
            assertThat(stock()).isEqualTo(5);
            assertThat(purchases()).isZero();
        } finally {
            jdbc.sql("drop trigger " + trigger + " on product").update();
            jdbc.sql("drop function " + trigger + "()").update();
        }
    }

    @Test
    void aRefusalIsTheFirstAnswerToo() {
        // given a purchase refused for lack of stock (3 of the 5 units are held by a reservation)
        String reservation = "refusal-" + UUID.randomUUID();
        assertThat(api.post(
                                "/api/inventory/reservations",
                                Map.of("reservationId", reservation, "productId", productId, "quantity", 3))
                        .status())
                .isEqualTo(201);
        String key = UUID.randomUUID().toString();
        InventoryApi.Reply refused = api.purchase(productId, 3, "PESSIMISTIC", key);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("replayed").asBoolean()).isFalse();

        // when the stock comes back and the client retries with the same key
        assertThat(api.delete("/api/inventory/reservations/" + reservation).status())
                .isBetween(200, 204);
        assertThat(stock()).isEqualTo(5);
        InventoryApi.Reply again = api.purchase(productId, 3, "OPTIMISTIC", key);

        // then it gets the first answer, a refusal, and nothing is sold; a new key can buy
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("replayed").asBoolean()).isTrue();
        assertThat(again.json().get("available").asInt()).isEqualTo(2);
        assertThat(stock()).isEqualTo(5);
        assertThat(purchases()).isZero();
        assertThat(api.purchase(productId, 3, "OPTIMISTIC", UUID.randomUUID().toString())
                        .status())
                .isEqualTo(201);
    }

    @Test
    void idempotencyKeyReusedForAnotherQuantityIsRefused() {
        String key = UUID.randomUUID().toString();
        api.purchase(productId, 1, "PESSIMISTIC", key);

        InventoryApi.Reply reused = api.purchase(productId, 2, "PESSIMISTIC", key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(stock()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PESSIMISTIC", "OPTIMISTIC", "DISTRIBUTED_LOCK", "NONE"})
    void notEnoughStockIsAConflictThatChangesNothing(String strategy) {
        InventoryApi.Reply refused =
                api.purchase(productId, 6, strategy, UUID.randomUUID().toString());

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("available").asInt()).isEqualTo(5);
        assertThat(stock()).isEqualTo(5);
        assertThat(purchases()).isZero();
    }

    @Test
    void unknownProductIsNotFound() {
        InventoryApi.Reply missing =
                api.purchase(Long.MAX_VALUE, 1, "PESSIMISTIC", UUID.randomUUID().toString());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"quantity\": 1, \"strategy\": ",
                "{\"quantity\": \"lots\", \"strategy\": \"PESSIMISTIC\"}",
                "{\"quantity\": {}, \"strategy\": \"PESSIMISTIC\"}",
                "{\"quantity\": 99999999999999, \"strategy\": \"PESSIMISTIC\"}",
                "{\"quantity\": 1000000, \"strategy\": \"PESSIMISTIC\"}",
                "{\"quantity\": 0, \"strategy\": \"PESSIMISTIC\"}",
                "{\"quantity\": -3, \"strategy\": \"PESSIMISTIC\"}",
                "{\"quantity\": 1, \"strategy\": \"OPTIMISTIC_MAYBE\"}",
                "{\"quantity\": 1}",
                "[]"
            })
    void badInputIsABadRequestThatWritesNothing(String body) {
        InventoryApi.Reply bad = api.post(
                "/api/inventory/products/" + productId + "/purchases",
                body,
                "Idempotency-Key",
                UUID.randomUUID().toString());

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().get("detail").asString()).isNotBlank();
        assertThat(stock()).isEqualTo(5);
        assertThat(purchases()).isZero();
    }

    @Test
    void missingIdempotencyKeyIsABadRequest() {
        InventoryApi.Reply bad = api.post(
                "/api/inventory/products/" + productId + "/purchases",
                "{\"quantity\": 1, \"strategy\": \"PESSIMISTIC\"}");

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(stock()).isEqualTo(5);
    }
}
