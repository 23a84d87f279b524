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
        Map<String, Object> realtime = UpstreamStub.parse(
                get("/api/realtime/channels/product.42/messages?since=5", token).body());
        Map<String, Object> orders =
                UpstreamStub.parse(get("/api/orders/7", token).body());

        // then: the path and query reach the service unchanged
        assertThat((String) inventory.get("instance")).startsWith("inventory-");
        assertThat(inventory.get("uri")).isEqualTo("/api/inventory/products/42?fields=name");
        assertThat((String) realtime.get("instance")).startsWith("realtime-");
        assertThat(realtime.get("uri")).isEqualTo("/api/realtime/channels/product.42/messages?since=5");
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
    void aDeadInstanceIsSkippedForTheLiveOne() {
        // given: media has one live instance and one where nothing listens
        String token = tokenFor(newUser());

        // when / then: round robin hits the dead one every other time, and the call moves on to the live one
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> response = get("/api/media/files/" + i, token);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(UpstreamStub.parse(response.body())).containsEntry("instance", "others");
        }
    }

    @Test
    void everyServiceHasItsRoute() {
        // The routes live under spring.cloud.gateway.server.webflux; under the old key they would silently vanish.
        HttpResponse<String> routes = get("/actuator/gateway/routes", tokenFor(newUser()));

        assertThat(routes.statusCode()).isEqualTo(200);
        assertThat(routes.body())
                .contains(
                        "\"route_id\":\"inventory\"",
                        "\"route_id\":\"realtime\"",
                        "\"route_id\":\"realtime-websocket\"",
                        "\"route_id\":\"jobs\"",
                        "\"route_id\":\"media\"",
                        "\"route_id\":\"orders\"",
                        "\"route_id\":\"geo\"");
    }

    @Test
    void unknownPathIsANotFoundProblem() {
        HttpResponse<String> response = get("/api/nowhere", tokenFor(newUser()));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(UpstreamStub.parse(response.body())).containsEntry("status", 404);
    }
}
