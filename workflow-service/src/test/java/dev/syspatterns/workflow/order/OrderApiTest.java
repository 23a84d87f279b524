package dev.syspatterns.workflow.order;

import static dev.syspatterns.workflow.saga.Steps.RELEASE_STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.syspatterns.testsupport.RealInfrastructure;
import dev.syspatterns.workflow.events.OrderUpdatesOnKafka;
import dev.syspatterns.workflow.inventory.FakeInventory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order API end to end inside the service: the real Temporal server on 7233 runs the saga, updates go to
 * the real Kafka broker, and {@link FakeInventory} stands in for inventory-service over HTTP (the same saga
 * against the real inventory-service belongs to the end-to-end suite, where all services run).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OrderApiTest {

    private static final FakeInventory inventory = FakeInventory.start();
    private static final String TASK_QUEUE = "order-saga-test-" + UUID.randomUUID();
    private static final AtomicLong PRODUCT_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void pointAtTheTestInventoryAndAQueueOfOurOwn(DynamicPropertyRegistry registry) {
        registry.add("platform.workflow.inventory.url", () -> inventory.url().toString());
        registry.add("platform.workflow.inventory.read-timeout", () -> "1s");
        // A queue per run: no other worker on the shared Temporal server picks up these sagas.
        registry.add("platform.workflow.task-queue", () -> TASK_QUEUE);
        registry.add("platform.workflow.saga.initial-retry-interval", () -> "200ms");
        registry.add("platform.workflow.saga.max-retry-interval", () -> "1s");
        registry.add("platform.workflow.saga.approval-threshold-cents", () -> "100000");
        registry.add("platform.workflow.saga.approval-timeout", () -> "30s");
    }

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private String productId;

    @BeforeEach
    void stockAProduct() {
        productId = Long.toString(PRODUCT_IDS.incrementAndGet());
        inventory.addProduct(productId, 1_000, 10);
        inventory.stallFor(Duration.ZERO);
        inventory.failNext(0);
    }

    @AfterAll
    static void stopInventory() {
        inventory.close();
    }

    @Test
    void fullSagaCompletesReservesStockAndPublishesEachStep() throws Exception {
        HttpResponse<String> placed = post("/api/orders", order(productId, 3, "tok_ok"), null);

        assertThat(placed.statusCode()).isEqualTo(202);
        String orderId = json(placed).path("orderId").asString();
        assertThat(json(placed).path("statusUrl").asString()).isEqualTo("/api/orders/" + orderId);
        JsonNode done = awaitOutcome(orderId, "COMPLETED");
        assertThat(done.path("stepsDone").toString())
                .isEqualTo("[\"RESERVE_STOCK\",\"CHARGE_PAYMENT\",\"CREATE_SHIPMENT\",\"CONFIRM\"]");
        assertThat(inventory.stockOf(productId)).isEqualTo(7);
        assertThat(inventory.reservationsOf(productId)).isEqualTo(1);

        List<OrderUpdatesOnKafka.Update> updates =
                OrderUpdatesOnKafka.of(orderId, u -> hasFinal(u, "ORDER COMPLETED"), SAGA_TIMEOUT);
        assertThat(updates)
                .extracting(OrderUpdatesOnKafka.Update::stepAndStatus)
                .containsSubsequence(
                        "RESERVE_STOCK STARTED",
                        "RESERVE_STOCK COMPLETED",
                        "CHARGE_PAYMENT COMPLETED",
                        "CREATE_SHIPMENT COMPLETED",
                        "CONFIRM COMPLETED",
                        "ORDER COMPLETED");
        assertThat(updates)
                .allSatisfy(update ->
                        assertThat(update.value().path("channel").asString()).isEqualTo("order." + orderId));
    }

    @Test
    void forcedFailureGivesTheStockBack() throws Exception {
        String orderId = json(post("/api/orders", order(productId, 4, "tok_decline"), null))
                .path("orderId")
                .asString();

        JsonNode done = awaitOutcome(orderId, "COMPENSATED");

        assertThat(done.path("reason").asString()).contains("Card declined");
        assertThat(done.path("compensationsRun").toString()).contains(RELEASE_STOCK);
        assertThat(inventory.stockOf(productId)).isEqualTo(10);
    }

    @Test
    void cancelStopsAWaitingOrderAndUndoesItsReservation() throws Exception {
        String orderId = placeOrderAboveTheApprovalThreshold();

        HttpResponse<String> cancel = post("/api/orders/" + orderId + "/cancel", "", null);

        assertThat(cancel.statusCode()).isEqualTo(202);
        JsonNode done = awaitOutcome(orderId, "CANCELLED");
        assertThat(done.path("reason").asString()).contains("cancelled by the customer");
        assertThat(inventory.stockOf(productId)).isEqualTo(10);
        HttpResponse<String> again = post("/api/orders/" + orderId + "/cancel", "", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).path("detail").asString()).contains("already finished as CANCELLED");
    }

    @Test
    void approvalLetsALargeOrderComplete() throws Exception {
        String orderId = placeOrderAboveTheApprovalThreshold();

        HttpResponse<String> approve = post("/api/orders/" + orderId + "/approve", "", null);

        assertThat(approve.statusCode()).isEqualTo(202);
        JsonNode done = awaitOutcome(orderId, "COMPLETED");
        assertThat(done.path("stepsDone").toString()).contains("AWAIT_APPROVAL");
        HttpResponse<String> approveAgain = post("/api/orders/" + orderId + "/approve", "", null);
        assertThat(approveAgain.statusCode()).isEqualTo(409);
    }

    @Test
    void retriedRequestWithTheSameIdempotencyKeyStartsOneSaga() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = order(productId, 1, "tok_ok");

        HttpResponse<String> first = post("/api/orders", body, key);
        HttpResponse<String> retry = post("/api/orders", body, key);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retry.statusCode()).isEqualTo(202);
        String orderId = json(first).path("orderId").asString();
        assertThat(json(retry).path("orderId").asString()).isEqualTo(orderId);
        awaitOutcome(orderId, "COMPLETED");
        HttpResponse<String> late = post("/api/orders", body, key);
        assertThat(json(late).path("orderId").asString()).isEqualTo(orderId);
        assertThat(inventory.stockOf(productId)).isEqualTo(9);
        List<OrderUpdatesOnKafka.Update> updates =
                OrderUpdatesOnKafka.of(orderId, u -> hasFinal(u, "ORDER COMPLETED"), SAGA_TIMEOUT);
        assertThat(updates)
                .extracting(OrderUpdatesOnKafka.Update::stepAndStatus)
                .containsOnlyOnce("RESERVE_STOCK STARTED", "ORDER COMPLETED");
    }

    @Test
    void emptyItemsAreRejectedBeforeAnySagaStarts() throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> response = post("/api/orders", """
                {"customerId":"customer-1","items":[],"paymentToken":"tok_ok","shippingAddress":"1 Main St"}""", key);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("detail").asString()).contains("items");
        assertNoSagaFor(key);
    }

    @Test
    void negativeQuantityIsRejectedBeforeAnySagaStarts() throws Exception {
        String key = UUID.randomUUID().toString();

        HttpResponse<String> response = post("/api/orders", order(productId, -2, "tok_ok"), key);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).path("detail").asString()).contains("quantity");
        assertNoSagaFor(key);
        assertThat(inventory.stockOf(productId)).isEqualTo(10);
    }

    @Test
    void unknownProductIsRejectedByNameBeforeAnySagaStarts() throws Exception {
        String key = UUID.randomUUID().toString();
        String missing = "999999999";

        HttpResponse<String> response = post("/api/orders", order(missing, 1, "tok_ok"), key);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).path("detail").asString()).contains(missing);
        assertThat(json(response).path("unknownProducts").toString()).contains(missing);
        assertNoSagaFor(key);
    }

    @Test
    void unreachableInventoryAnswers503BeforeAnySagaStarts() throws Exception {
        String key = UUID.randomUUID().toString();
        inventory.stallFor(Duration.ofSeconds(3));

        HttpResponse<String> response = post("/api/orders", order(productId, 1, "tok_ok"), key);

        inventory.stallFor(Duration.ZERO);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).path("title").asString()).isEqualTo("Inventory unavailable");
        assertNoSagaFor(key);
    }

    @Test
    void theSagaRunsInTheTraceOfTheRequestThatPlacedIt() throws Exception {
        String traceId = "5bf92f3577b35da6a3ce929d0e0e5736";
        HttpResponse<String> placed =
                send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
                        .header("Content-Type", "application/json")
                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                        .POST(HttpRequest.BodyPublishers.ofString(order(productId, 1, "tok_ok"))));
        assertThat(placed.statusCode()).isEqualTo(202);
        awaitOutcome(json(placed).path("orderId").asString(), "COMPLETED");

        // the price lookup the API made, and the reservation the saga's activity made through Temporal
        assertThat(inventory.tracedRequests())
                .filteredOn(request -> request.traceparent().startsWith("00-" + traceId + "-"))
                .extracting(FakeInventory.Traced::method, FakeInventory.Traced::path)
                .contains(
                        tuple("GET", "/api/inventory/products/" + productId),
                        tuple("POST", "/api/inventory/reservations"));
    }

    @Test
    void unknownOrderIsNotFound() throws Exception {
        HttpResponse<String> response = get("/api/orders/" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("title").asString()).isEqualTo("Order not found");
    }

    private void assertNoSagaFor(String idempotencyKey) throws Exception {
        String orderId = OrderSagas.orderIdFor("customer-1", idempotencyKey);
        assertThat(get("/api/orders/" + orderId).statusCode()).isEqualTo(404);
    }

    /** Waits for a 200 whose saga has finished (an error answer has no outcome, so it is not one). */
    private JsonNode awaitOutcome(String orderId, String outcome) {
        HttpResponse<String> response = await().atMost(SAGA_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> get("/api/orders/" + orderId),
                        r -> r.statusCode() == 200
                                && !json(r).path("outcome").asString().equals("RUNNING"));
        JsonNode state = json(response);
        assertThat(state.path("outcome").asString()).as(state.toString()).isEqualTo(outcome);
        return state;
    }

    /** 2 x 600.00 is above the 1000.00 threshold: the saga reserves stock and waits for approval. */
    private String placeOrderAboveTheApprovalThreshold() throws Exception {
        inventory.addProduct(productId, 60_000, 10);
        String orderId = json(post("/api/orders", order(productId, 2, "tok_ok"), null))
                .path("orderId")
                .asString();
        awaitAwaitingApproval(orderId);
        return orderId;
    }

    private void awaitAwaitingApproval(String orderId) {
        await().atMost(SAGA_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> json(get("/api/orders/" + orderId))
                        .path("awaitingApproval")
                        .asBoolean());
    }

    private static boolean hasFinal(List<OrderUpdatesOnKafka.Update> updates, String stepAndStatus) {
        return updates.stream().anyMatch(u -> u.stepAndStatus().equals(stepAndStatus));
    }

    private static String order(String productId, int quantity, String token) {
        return """
                {"customerId":"customer-1","items":[{"productId":"%s","quantity":%d}],
                 "paymentToken":"%s","shippingAddress":"1 Main Street, Springfield"}""".formatted(productId, quantity, token);
    }

    private HttpResponse<String> post(String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }
}
