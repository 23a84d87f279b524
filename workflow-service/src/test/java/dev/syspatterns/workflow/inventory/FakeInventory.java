package dev.syspatterns.workflow.inventory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.syspatterns.workflow.WorkflowProperties;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP server on loopback that speaks inventory-service's product and reservation contract, so the
 * saga's HTTP calls are real; the real inventory-service is exercised by the end-to-end suite. Failure knobs
 * make it answer 5xx or stall.
 */
public final class FakeInventory implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A reservation as the fake holds it. */
    public record Reservation(String reservationId, String productId, int quantity, boolean released) {}

    private record Product(long priceCents, int stock) {}

    private final HttpServer server;
    private final Map<String, Product> products = new ConcurrentHashMap<>();
    private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();
    private final AtomicInteger reservationRequests = new AtomicInteger();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private final AtomicReference<Duration> stall = new AtomicReference<>(Duration.ZERO);
    private final List<Traced> traced = new CopyOnWriteArrayList<>();
    private final Set<String> unreleasable = ConcurrentHashMap.newKeySet();

    /** A request that came with a W3C {@code traceparent}. */
    public record Traced(String method, String path, String traceparent) {}

    private FakeInventory(HttpServer server) {
        this.server = server;
    }

    public static FakeInventory start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeInventory inventory = new FakeInventory(server);
            server.createContext("/api/inventory/", inventory::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return inventory;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Client settings pointing at this fake, with short timeouts. */
    public WorkflowProperties.Inventory settings(Duration readTimeout) {
        return new WorkflowProperties.Inventory(url(), Duration.ofSeconds(1), readTimeout);
    }

    public void addProduct(String productId, long priceCents, int stock) {
        products.put(productId, new Product(priceCents, stock));
    }

    public int stockOf(String productId) {
        return products.get(productId).stock();
    }

    public Optional<Reservation> reservation(String reservationId) {
        return Optional.ofNullable(reservations.get(reservationId));
    }

    /** Reservations made for a product (a retry with the same reservation id counts once). */
    public long reservationsOf(String productId) {
        return reservations.values().stream()
                .filter(r -> r.productId().equals(productId))
                .count();
    }

    /** Every request so far that carried a {@code traceparent}, in arrival order. */
    public List<Traced> tracedRequests() {
        return List.copyOf(traced);
    }

    public int reservationRequests() {
        return reservationRequests.get();
    }

    /** The next {@code count} requests are answered with 503. */
    public void failNext(int count) {
        failuresToServe.set(count);
    }

    /** Every release of a reservation of this product is answered with 503, for good. */
    public void failReleasesOf(String productId) {
        unreleasable.add(productId);
    }

    /** Every request waits this long before it is answered. */
    public void stallFor(Duration delay) {
        stall.set(delay);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Thread.sleep(stall.get());
            if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                problem(exchange, 503, "Inventory is having a bad day");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
            if (traceparent != null) {
                traced.add(new Traced(method, path, traceparent));
            }
            if (method.equals("GET") && path.startsWith("/api/inventory/products/")) {
                getProduct(exchange, path.substring("/api/inventory/products/".length()));
            } else if (method.equals("POST") && path.equals("/api/inventory/reservations")) {
                reserve(exchange);
            } else if (method.equals("DELETE") && path.startsWith("/api/inventory/reservations/")) {
                release(exchange, path.substring("/api/inventory/reservations/".length()));
            } else {
                problem(exchange, 404, "No route " + method + " " + path);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void getProduct(HttpExchange exchange, String productId) throws IOException {
        Product product = products.get(productId);
        if (product == null) {
            problem(exchange, 404, "Product " + productId + " not found");
            return;
        }
        respond(
                exchange,
                200,
                "application/json",
                JSON.writeValueAsString(Map.of(
                        "id", Long.parseLong(productId),
                        "sku", "SKU-" + productId,
                        "name", "Product " + productId,
                        "priceCents", product.priceCents(),
                        "stock", product.stock())));
    }

    private synchronized void reserve(HttpExchange exchange) throws IOException {
        reservationRequests.incrementAndGet();
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String reservationId = body.path("reservationId").asString();
        String productId = body.path("productId").asString();
        int quantity = body.path("quantity").asInt();
        Reservation existing = reservations.get(reservationId);
        if (existing != null) {
            respond(exchange, 201, "application/json", JSON.writeValueAsString(existing));
            return;
        }
        Product product = products.get(productId);
        if (product == null) {
            problem(exchange, 404, "Product " + productId + " not found");
            return;
        }
        if (product.stock() < quantity) {
            problem(exchange, 409, "Only " + product.stock() + " left of product " + productId);
            return;
        }
        products.put(productId, new Product(product.priceCents(), product.stock() - quantity));
        Reservation reservation = new Reservation(reservationId, productId, quantity, false);
        reservations.put(reservationId, reservation);
        respond(exchange, 201, "application/json", JSON.writeValueAsString(reservation));
    }

    private synchronized void release(HttpExchange exchange, String reservationId) throws IOException {
        Reservation reservation = reservations.get(reservationId);
        if (reservation != null && unreleasable.contains(reservation.productId())) {
            problem(exchange, 503, "Reservation " + reservationId + " cannot be released right now");
            return;
        }
        if (reservation != null && !reservation.released()) {
            Product product = products.get(reservation.productId());
            products.put(
                    reservation.productId(),
                    new Product(product.priceCents(), product.stock() + reservation.quantity()));
            reservations.put(
                    reservationId,
                    new Reservation(reservationId, reservation.productId(), reservation.quantity(), true));
        }
        exchange.sendResponseHeaders(204, -1);
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        respond(
                exchange,
                status,
                "application/problem+json",
                JSON.writeValueAsString(Map.of("status", status, "title", "Problem", "detail", detail)));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
