package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pattern 7 across services: the saga in workflow-service reserves stock in inventory-service for real, and a
 * failing saga gives it back. The product's channel shows what happened to its stock, in order.
 */
class OrderSagaTest {

    private static final int STOCK = 10;
    private static final int ORDERED = 3;

    private final Gateway gateway = new Gateway();

    @Test
    void aCompletedOrderKeepsItsStockReservedInInventory() {
        // given a product with 10 units
        String token = gateway.token(Gateway.unique("e2e-customer"));
        var catalog = new Catalog(gateway, token);
        JsonNode product = catalog.newProduct(STOCK, 250);

        try (var stockChanges = RealtimeSubscriber.sse(gateway.client(), token, "product." + product.get("id"), 0)) {
            // when an order for 3 of them is paid with a card that works and shipped to an address that works
            JsonNode order = placeAndAwaitOutcome(token, product, "tok_visa", "1 Example Street, Vienna");

            // then the saga completed, undid nothing, and inventory holds 3 units less
            assertThat(order.get("outcome").asString()).as(order.toString()).isEqualTo("COMPLETED");
            assertThat(order.get("compensationsRun")).as(order.toString()).isEmpty();
            assertThat(catalog.stockSettlingAt(product.get("id").asLong(), STOCK - ORDERED))
                    .isEqualTo(STOCK - ORDERED);
            assertThat(stocksOf(product, stockChanges, STOCK - ORDERED)).containsExactly(10L, 7L);
        }
    }

    @Test
    void anOrderWhosePaymentIsDeclinedGivesItsStockBack() {
        // given a product with 10 units
        String token = gateway.token(Gateway.unique("e2e-customer"));
        var catalog = new Catalog(gateway, token);
        JsonNode product = catalog.newProduct(STOCK, 250);

        try (var stockChanges = RealtimeSubscriber.sse(gateway.client(), token, "product." + product.get("id"), 0)) {
            // when an order for 3 of them is paid with the card workflow-service's simulated provider declines
            JsonNode order = placeAndAwaitOutcome(token, product, "tok_decline", "1 Example Street, Vienna");

            // then the saga compensated: the 3 units were reserved, then released, and all 10 are back
            assertThat(order.get("outcome").asString()).as(order.toString()).isEqualTo("COMPENSATED");
            assertThat(order.get("compensationsRun")).as(order.toString()).isNotEmpty();
            assertThat(catalog.stockSettlingAt(product.get("id").asLong(), STOCK))
                    .isEqualTo(STOCK);
            assertThat(stocksOf(product, stockChanges, STOCK)).containsExactly(10L, 7L, 10L);
        }
    }

    private JsonNode placeAndAwaitOutcome(String token, JsonNode product, String paymentToken, String address) {
        var accepted = gateway.postJson(
                "/api/orders",
                token,
                Map.of(
                        "customerId",
                        Gateway.unique("e2e-customer"),
                        "items",
                        List.of(Map.of("productId", product.get("id").asString(), "quantity", ORDERED)),
                        "paymentToken",
                        paymentToken,
                        "shippingAddress",
                        address),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String orderId = Gateway.json(accepted).get("orderId").asString();
        var state = Eventually.poll(
                Duration.ofSeconds(90),
                () -> gateway.get("/api/orders/" + orderId, token),
                response -> response.statusCode() == 200
                        && !"RUNNING"
                                .equals(Gateway.json(response).path("outcome").asString()));
        assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
        return Gateway.json(state);
    }

    /** The product's stock levels as its channel reported them, until one equals {@code last}. */
    private static List<Long> stocksOf(JsonNode product, RealtimeSubscriber channel, long last) {
        String sku = product.get("sku").asString();
        return RealtimeSubscriber.stockLevels(
                channel.awaitMessage(
                        data -> sku.equals(data.path("sku").asString())
                                && data.path("stock").asLong() == last
                                && !"CREATED".equals(data.path("reason").asString()),
                        Duration.ofSeconds(20)),
                sku);
    }
}
