package dev.syspatterns.workflow.inventory;

import dev.syspatterns.workflow.WorkflowProperties;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * inventory-service's reservation and catalogue API over HTTP. Answers are sorted into what a caller may
 * retry ({@link InventoryUnavailable}: 5xx, timeouts, refused connections) and what it must not
 * ({@link InsufficientStock}, {@link UnknownProduct}).
 */
@Component
public class InventoryClient {

    private static final Pattern NUMERIC = Pattern.compile("\\d{1,18}");

    private final RestClient http;
    private final JsonMapper json;

    /** Built on Boot's RestClient.Builder, which observes each call: the trace context goes along. */
    @Autowired
    public InventoryClient(WorkflowProperties properties, JsonMapper json, RestClient.Builder builder) {
        this(properties.inventory(), json, builder);
    }

    public InventoryClient(WorkflowProperties.Inventory inventory, JsonMapper json) {
        this(inventory, json, RestClient.builder());
    }

    private InventoryClient(WorkflowProperties.Inventory inventory, JsonMapper json, RestClient.Builder builder) {
        this.json = json;
        var requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(inventory.connectTimeout())
                .build());
        requests.setReadTimeout(inventory.readTimeout());
        this.http = builder.baseUrl(inventory.url().toString())
                .requestFactory(requests)
                .build();
    }

    /** A product as far as the saga cares: it exists and has a price. */
    public record Product(String id, long priceCents) {}

    public Optional<Product> findProduct(String productId) {
        return call(
                "look up product " + productId,
                () -> http.get()
                        .uri("/api/inventory/products/{id}", productId)
                        .accept(MediaType.APPLICATION_JSON)
                        .exchange((request, response) -> {
                            HttpStatusCode status = response.getStatusCode();
                            if (status.value() == 404) {
                                return Optional.<Product>empty();
                            }
                            String body = response.bodyTo(String.class);
                            if (!status.is2xxSuccessful()) {
                                throw unavailable("look up product " + productId, status, body);
                            }
                            JsonNode product = json.readTree(body == null ? "{}" : body);
                            return Optional.of(new Product(
                                    productId, product.path("priceCents").asLong(0)));
                        }));
    }

    /** Reserves stock; repeating it with the same reservation id reserves once and answers the same. */
    public void reserve(String reservationId, String productId, int quantity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reservationId", reservationId);
        body.put("productId", idValue(productId));
        body.put("quantity", quantity);
        String action = "reserve " + quantity + " of product " + productId;
        call(
                action,
                () -> http.post()
                        .uri("/api/inventory/reservations")
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(body)
                        .exchange((request, response) -> {
                            HttpStatusCode status = response.getStatusCode();
                            if (status.is2xxSuccessful()) {
                                return null;
                            }
                            String problem = response.bodyTo(String.class);
                            if (status.value() == 409) {
                                throw new InsufficientStock(productId, quantity, detailOf(problem));
                            }
                            if (status.value() == 404) {
                                throw new UnknownProduct(productId);
                            }
                            throw unavailable(action, status, problem);
                        }));
    }

    /** Gives reserved stock back; releasing an unknown or already released reservation is fine. */
    public void release(String reservationId) {
        String action = "release reservation " + reservationId;
        call(
                action,
                () -> http.delete()
                        .uri("/api/inventory/reservations/{id}", reservationId)
                        .exchange((request, response) -> {
                            HttpStatusCode status = response.getStatusCode();
                            if (status.is2xxSuccessful() || status.value() == 404) {
                                return null;
                            }
                            throw unavailable(action, status, response.bodyTo(String.class));
                        }));
    }

    private static <T> T call(String action, java.util.function.Supplier<T> exchange) {
        try {
            return exchange.get();
        } catch (ResourceAccessException e) {
            throw new InventoryUnavailable("Could not " + action + ": inventory-service did not answer ("
                    + e.getMostSpecificCause().getClass().getSimpleName() + ")");
        }
    }

    private InventoryUnavailable unavailable(String action, HttpStatusCode status, String body) {
        String detail = detailOf(body);
        return new InventoryUnavailable("Could not " + action + ": inventory-service answered " + status.value()
                + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    private String detailOf(String problem) {
        if (problem == null || problem.isBlank()) {
            return "";
        }
        try {
            return json.readTree(problem).path("detail").asString("");
        } catch (RuntimeException notJson) {
            return "";
        }
    }

    // inventory-service ids are numbers; ids are text here, so a number goes out as a JSON number.
    private static Object idValue(String productId) {
        return NUMERIC.matcher(productId).matches() ? (Object) Long.valueOf(productId) : productId;
    }
}
