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
 * failing saga gives it back. The product's channel shows what happened to its stock, in order, and the order's
 * channel (realtime-service, fed by workflow-service's OrderUpdated events) tells its client how it ended.
 */
class OrderSagaTest {

    private static final int STOCK = 10;
    private static final int ORDERED = 3;

    private final Gateway gateway = new Gateway();

    @Test
    void aCompletedOrderKeepsItsStockReservedInInventory() {
        // when an order for 3 of 10 units is paid with a card that works and shipped to an address that works
        Placed placed = placeOrderForANewProduct("tok_visa", STOCK - ORDERED);

        // then the saga completed, undid nothing, and inventory holds 3 units less
        assertThat(placed.outcome()).as(placed.order().toString()).isEqualTo("COMPLETED");
        assertThat(placed.order().get("compensationsRun"))
                .as(placed.order().toString())
                .isEmpty();
        assertThat(placed.finalStock()).isEqualTo(STOCK - ORDERED);
        assertThat(placed.stockLevels()).containsExactly(10L, 7L);
        assertThat(placed.finalUpdate().get("status").asString())
                .as("the order's last update on its channel: %s", placed.finalUpdate())
                .isEqualTo("COMPLETED");
    }

    @Test
    void anOrderWhosePaymentIsDeclinedGivesItsStockBack() {
        // when an order for 3 of 10 units is paid with the card workflow-service's simulated provider declines
        Placed placed = placeOrderForANewProduct("tok_decline", STOCK);

        // then the saga compensated: the 3 units were reserved, then released, and all 10 are back
        assertThat(placed.outcome()).as(placed.order().toString()).isEqualTo("COMPENSATED");
        assertThat(placed.order().get("compensationsRun"))
                .as(placed.order().toString())
                .isNotEmpty();
        assertThat(placed.finalStock()).isEqualTo(STOCK);
        assertThat(placed.stockLevels()).containsExactly(10L, 7L, 10L);
        assertThat(placed.finalUpdate().get("status").asString())
                .as("the order's last update on its channel: %s", placed.finalUpdate())
                .isEqualTo("COMPENSATED");
    }

    @Test
    void aSagaWaitingForApprovalFinishesAfterWorkflowServiceIsStoppedAndStartedAgain() throws Exception {
        PlatformServices.requireScript();
        // given an order above the approval threshold (3 x 500.00 > 1,000.00), waiting for approval with its
        // stock reserved
        String token = gateway.token(Gateway.unique("e2e-customer"));
        var catalog = new Catalog(gateway, token);
        JsonNode product = catalog.newProduct(STOCK, 50_000);
        String orderId = place(token, product, "tok_visa", "1 Example Street, Vienna");
        var waiting = Eventually.poll(
                Duration.ofSeconds(60),
                () -> gateway.get("/api/orders/" + orderId, token),
                response -> response.statusCode() == 200
                        && Gateway.json(response).path("awaitingApproval").asBoolean());
        assertThat(Gateway.json(waiting).path("awaitingApproval").asBoolean())
                .as(waiting.body())
                .isTrue();

        // when the service running the saga's worker is stopped and started again (a new process, empty cache)
        PlatformServices.stop("workflow");
        PlatformServices.start("workflow");
        var approved = gateway.postJson("/api/orders/" + orderId + "/approve", token, Map.of());
        assertThat(approved.statusCode()).as(approved.body()).isBetween(200, 299);

        // then the saga resumes from its history in Temporal and completes: charged and shipped, the stock
        // reserved once
        JsonNode order = awaitOutcome(token, orderId);
        assertThat(order.get("outcome").asString()).as(order.toString()).isEqualTo("COMPLETED");
        assertThat(order.get("compensationsRun")).as(order.toString()).isEmpty();
        assertThat(catalog.stockSettlingAt(product.get("id").asLong(), STOCK - ORDERED))
                .isEqualTo(STOCK - ORDERED);
    }

    /**
     * The saga's final state, the product's stock once settled, the stock levels its channel reported, and the
     * order's final update as its own channel pushed it.
     */
    private record Placed(JsonNode order, long finalStock, List<Long> stockLevels, JsonNode finalUpdate) {
        String outcome() {
            return order.get("outcome").asString();
        }
    }

    /** Given a new product with 10 units, orders 3 of them and waits for the saga's outcome. */
    private Placed placeOrderForANewProduct(String paymentToken, long expectedStock) {
        String token = gateway.token(Gateway.unique("e2e-customer"));
        var catalog = new Catalog(gateway, token);
        JsonNode product = catalog.newProduct(STOCK, 250);
        try (var stockChanges = RealtimeSubscriber.sse(gateway.client(), token, "product." + product.get("id"), 0)) {
            String orderId = place(token, product, paymentToken, "1 Example Street, Vienna");
            // since=0: the order's channel from its first update, however far the saga got before this subscription
            try (var orderUpdates = RealtimeSubscriber.webSocket(gateway.client(), token, "order." + orderId, 0)) {
                JsonNode order = awaitOutcome(token, orderId);
                long finalStock = catalog.stockSettlingAt(product.get("id").asLong(), expectedStock);
                return new Placed(
                        order,
                        finalStock,
                        stocksOf(product, stockChanges, expectedStock),
                        finalUpdateOf(orderId, orderUpdates));
            }
        }
    }

    private String place(String token, JsonNode product, String paymentToken, String address) {
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
        return Gateway.json(accepted).get("orderId").asString();
    }

    private JsonNode awaitOutcome(String token, String orderId) {
        var state = Eventually.poll(
                Duration.ofSeconds(90),
                () -> gateway.get("/api/orders/" + orderId, token),
                response -> response.statusCode() == 200
                        && !"RUNNING"
                                .equals(Gateway.json(response).path("outcome").asString()));
        assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
        return Gateway.json(state);
    }

    /**
     * The update that ends the saga (step {@code ORDER}, published as the saga finishes, whatever the outcome) as the order's channel
     * pushed it: an {@code OrderUpdated} event, forwarded as is.
     */
    private static JsonNode finalUpdateOf(String orderId, RealtimeSubscriber channel) {
        JsonNode last = channel.awaitMessage(
                        data -> "ORDER".equals(data.path("step").asString()), Duration.ofSeconds(60))
                .getLast();
        assertThat(last.path("orderId").asString()).as(last.toString()).isEqualTo(orderId);
        return last;
    }

    /** The product's stock levels as its channel reported them, until one equals {@code last}. */
    private static List<Long> stocksOf(JsonNode product, RealtimeSubscriber channel, long last) {
        String sku = product.get("sku").asString();
        return RealtimeSubscriber.stockLevels(
                channel.awaitMessage(
                        data -> sku.equals(data.path("sku").asString())
                                && data.path("stock").asLong() == last
                                && !"CREATED".equals(data.path("reason").asString()),
                        Duration.ofSeconds(60)),
                sku);
    }
}
