package dev.syspatterns.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.gateway.GatewayIntegrationTest;
import dev.syspatterns.gateway.UpstreamStub;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTest extends GatewayIntegrationTest {

    @Test
    void routesEachPathPrefixToItsService() {
        // given
        String token = tokenFor(newUser());

        // when
        Map<String, Object> inventory = UpstreamStub.parse(
                get("/api/inventory/products/42?fields=name", token).body());
        Map<String, Object> realtime =
                UpstreamStub.parse(get("/api/realtime/poll/product.42", token).body());
        Map<String, Object> orders =
                UpstreamStub.parse(get("/api/orders/7", token).body());

        // then: the path and query reach the service unchanged
        assertThat((String) inventory.get("instance")).startsWith("inventory-");
        assertThat(inventory.get("uri")).isEqualTo("/api/inventory/products/42?fields=name");
        assertThat(realtime.get("instance")).isEqualTo("realtime");
        assertThat(orders.get("instance")).isEqualTo("others");
        assertThat(orders.get("uri")).isEqualTo("/api/orders/7");
    }

    @Test
    void balancesRequestsOverBothInstancesOfAService() {
        // given
        String token = tokenFor(newUser());
        Set<Object> answeredBy = new HashSet<>();

        // when
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> response = get("/api/inventory/products", token);
            assertThat(response.statusCode()).isEqualTo(200);
            answeredBy.add(UpstreamStub.parse(response.body()).get("instance"));
        }

        // then
        assertThat(answeredBy).containsExactlyInAnyOrder("inventory-a", "inventory-b");
    }

    @Test
    void unknownPathIsANotFoundProblem() {
        HttpResponse<String> response = get("/api/nowhere", tokenFor(newUser()));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(UpstreamStub.parse(response.body())).containsEntry("status", 404);
    }
}
