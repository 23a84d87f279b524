package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Pattern 1 fed by pattern 3: a committed stock change reaches browsers, over both push transports. */
class StockChangePushTest {

    private final Gateway gateway = new Gateway();

    @Test
    void aStockChangeReachesAWebSocketAndAnSseSubscriberOfTheProductChannel() {
        // given a product with 5 units, and a WebSocket and an SSE subscriber on its channel
        String token = gateway.token(Gateway.unique("e2e-watcher"));
        var catalog = new Catalog(gateway, token);
        JsonNode product = catalog.newProduct(5, 990);
        long productId = product.get("id").asLong();
        String sku = product.get("sku").asString();
        String channel = "product." + productId;
        // since=0: the channel's history first, so the subscription cannot race the change. Product ids repeat across
        // the test databases other suites publish from, so only events with this run's sku count.
        try (var webSocket = RealtimeSubscriber.webSocket(gateway.client(), token, channel, 0);
                var sse = RealtimeSubscriber.sse(gateway.client(), token, channel, 0)) {

            // when 2 units are bought
            var purchase = gateway.postJson(
                    "/api/inventory/products/" + productId + "/purchases",
                    token,
                    Map.of("quantity", 2, "strategy", "OPTIMISTIC"),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            assertThat(purchase.statusCode()).as(purchase.body()).isEqualTo(201);

            // then both see this product's stock go from 5 to 3, in that order (the wait allows for a consumer-group
            // rebalance in realtime-service's ingest when an instance has just joined or left)
            for (RealtimeSubscriber subscriber : List.of(webSocket, sse)) {
                List<Long> stocks = RealtimeSubscriber.stockLevels(
                        subscriber.awaitMessage(
                                data -> sku.equals(data.path("sku").asString())
                                        && data.path("stock").asLong() == 3,
                                Duration.ofSeconds(60)),
                        sku);
                assertThat(stocks)
                        .as("stock seen over %s", subscriber.transport())
                        .containsExactly(5L, 3L);
                // one change may be two messages (see stockLevels), but no message reaches a subscriber twice
                assertThat(subscriber.offsets())
                        .as("offsets delivered over %s", subscriber.transport())
                        .doesNotHaveDuplicates()
                        .isSorted();
            }
        }
    }
}
