package dev.syspatterns.bench.workflow;

import dev.syspatterns.bench.Benchmark;
import dev.syspatterns.bench.Http;
import dev.syspatterns.bench.Load;
import dev.syspatterns.bench.Measurement;
import dev.syspatterns.bench.Platform;
import dev.syspatterns.bench.Products;
import dev.syspatterns.bench.Result;
import dev.syspatterns.bench.Scale;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;

/**
 * What durability costs: the saga's only remote step (reserve stock, one HTTP call to inventory-service) as
 * the baseline; then the whole order as a Temporal saga (reserve, charge, ship, confirm, each a recorded
 * activity, each state change on Kafka): how long the caller waits for its 202, how long until the saga has
 * COMPLETED, and how long a saga whose payment is declined takes to undo its reservation (COMPENSATED).
 *
 * <p>Completion is observed by polling the order's state (a Temporal query) every {@link #POLL}: the
 * end-to-end figures carry up to that much extra. Checked: every saga reached the outcome it should, with all
 * its steps, and each product's stock is exactly what the completed orders took.
 */
public final class OrderSagaBenchmark implements Benchmark {

    private static final Duration POLL = Duration.ofMillis(20);
    private static final List<String> ALL_STEPS =
            List.of("RESERVE_STOCK", "CHARGE_PAYMENT", "CREATE_SHIPMENT", "CONFIRM");

    @Override
    public String name() {
        return "saga";
    }

    @Override
    public String question() {
        return "What does running an order as a durable Temporal saga (every step recorded, retried, undone on "
                + "failure) cost against its one remote step as a plain HTTP call, and what does undoing cost?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        int calls = scale.pick(10, 400);
        int orders = scale.pick(5, 200);
        int clients = scale.pick(2, 8);
        Http http = new Http();
        URI inventory = platform.service("inventory");
        URI workflow = platform.service("workflow");
        String run = UUID.randomUUID().toString().substring(0, 8);
        Duration limit = Duration.ofMinutes(scale.pick(2, 10));

        long plainProduct = newProduct(http, inventory, run + "-plain", calls);
        Measurement plain = Load.measure(
                "reserve stock: one HTTP call",
                calls,
                clients,
                limit,
                i -> Http.expect(
                        201,
                        http.postJson(
                                inventory.resolve("/api/inventory/reservations"),
                                Map.of(
                                        "reservationId",
                                        "bench-" + run + "-" + i,
                                        "productId",
                                        plainProduct,
                                        "quantity",
                                        1))));
        expectStock(http, inventory, plainProduct, 0);

        long sagaProduct = newProduct(http, inventory, run + "-saga", orders);
        Histogram accepted = new ConcurrentHistogram(3);
        Measurement completed = Load.measure("order saga: placed -> COMPLETED", orders, clients, limit, i -> {
            JsonNode state = placeAndAwait(http, workflow, sagaProduct, "tok_visa", accepted);
            expectOutcome(state, "COMPLETED");
            if (!strings(state, "stepsDone").containsAll(ALL_STEPS)) {
                throw new IllegalStateException("a completed saga skipped a step: " + state);
            }
        });
        expectStock(http, inventory, sagaProduct, 0);

        long undoneProduct = newProduct(http, inventory, run + "-undone", orders);
        Measurement compensated =
                Load.measure("order saga, payment declined: placed -> COMPENSATED", orders, clients, limit, i -> {
                    JsonNode state = placeAndAwait(http, workflow, undoneProduct, "tok_decline", null);
                    expectOutcome(state, "COMPENSATED");
                    // the stock coming back proves nothing unless it had been reserved first
                    if (!strings(state, "stepsDone").contains("RESERVE_STOCK")
                            || !strings(state, "compensationsRun").contains("RELEASE_STOCK")) {
                        throw new IllegalStateException("a compensated saga did not reserve and release: " + state);
                    }
                });
        expectStock(http, inventory, undoneProduct, orders);

        Measurement acceptedOnly = new Measurement(
                "order saga: placed -> 202 accepted",
                accepted.getTotalCount(),
                completed.seconds(),
                accepted,
                Map.of());
        return new Result(
                name(),
                question(),
                scale,
                List.of(
                        plain,
                        acceptedOnly.withNote("ops/s", "the COMPLETED row's rate: accepting is part of each order"),
                        completed.withNote("clients", clients),
                        compensated.withNote("clients", clients)),
                List.of(
                        "every plain reservation answered 201 and the product's stock went from " + calls + " to 0",
                        "all " + orders
                                + " sagas COMPLETED with reserve, charge, ship and confirm done; their product's "
                                + "stock went from " + orders + " to 0",
                        "all " + orders + " sagas with a declined card reserved stock, COMPENSATED and released it; "
                                + "their product's stock is back at " + orders,
                        "completion observed by polling the order's state every " + POLL.toMillis()
                                + " ms (a Temporal query): end-to-end figures include up to that much"));
    }

    private static long newProduct(Http http, URI inventory, String sku, int stock) {
        return Products.create(http, inventory, "bench-saga-" + sku, "ordered through the saga", 500, stock);
    }

    /** Places an order for one unit and polls its state until the saga has an outcome. */
    private static JsonNode placeAndAwait(
            Http http, URI workflow, long productId, String paymentToken, Histogram accepted) throws Exception {
        long t0 = System.nanoTime();
        JsonNode placed = Http.json(Http.expect(
                202,
                http.postJson(
                        workflow.resolve("/api/orders"),
                        Map.of(
                                "customerId",
                                "bench-customer",
                                "items",
                                List.of(Map.of("productId", String.valueOf(productId), "quantity", 1)),
                                "paymentToken",
                                paymentToken,
                                "shippingAddress",
                                "1 Bench Street"),
                        "Idempotency-Key",
                        UUID.randomUUID().toString())));
        if (accepted != null) {
            accepted.recordValue(Math.max(1, (System.nanoTime() - t0) / 1_000));
        }
        String orderId = placed.get("orderId").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode state = Http.json(Http.expect(200, http.get(workflow.resolve("/api/orders/" + orderId))));
            if (!"RUNNING".equals(state.path("outcome").asString())) {
                return state;
            }
            Thread.sleep(POLL);
        }
        throw new IllegalStateException("order " + orderId + " had no outcome after 60 s");
    }

    private static List<String> strings(JsonNode state, String field) {
        return state.path(field).valueStream().map(JsonNode::asString).toList();
    }

    private static void expectOutcome(JsonNode state, String outcome) {
        if (!outcome.equals(state.path("outcome").asString())) {
            throw new IllegalStateException("expected " + outcome + " but the saga ended " + state);
        }
    }

    /** The product's stock settles at {@code expected} (reads may come from the replica: wait, bounded). */
    private static void expectStock(Http http, URI inventory, long productId, long expected) throws Exception {
        AtomicLong last = new AtomicLong(-1);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            last.set(Http.json(Http.expect(200, http.get(inventory.resolve("/api/inventory/products/" + productId))))
                    .get("stock")
                    .asLong());
            if (last.get() == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("product " + productId + " has stock " + last.get() + ", expected " + expected);
    }
}
