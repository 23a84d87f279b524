package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Pattern 3 through the front door: many buyers, little stock, nothing oversold. */
class PurchaseUnderContentionTest {

    private static final int BUYERS = 100;
    private static final int STOCK = 20;

    private final Gateway gateway = new Gateway();

    @Test
    void sellsExactlyTheStockToConcurrentBuyersThroughTheGateway() throws Exception {
        // given a product with 20 units, and 100 buyers, each with a token of their own (own rate-limit bucket)
        var catalog = new Catalog(gateway, gateway.token(Gateway.unique("e2e-merchant")));
        long productId = catalog.newProduct(STOCK, 1_500).get("id").asLong();
        List<String> tokens = IntStream.range(0, BUYERS)
                .mapToObj(i -> gateway.token(Gateway.unique("e2e-buyer")))
                .toList();

        // when all of them buy one unit at the same moment
        var start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (var buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String token : tokens) {
                answers.add(buyers.submit(() -> {
                    start.await();
                    return gateway.postJson(
                            "/api/inventory/products/" + productId + "/purchases",
                            token,
                            Map.of("quantity", 1, "strategy", "PESSIMISTIC"),
                            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
                }));
            }
            start.countDown();
        }

        // then exactly 20 are sold, every other buyer is told there is no stock, and none is left
        List<Integer> statuses = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        for (Future<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            statuses.add(response.statusCode());
            if (response.statusCode() != 201 && response.statusCode() != 409) {
                unexpected.add(response.statusCode() + " " + response.headers().map() + " " + response.body());
            }
        }
        assertThat(unexpected).as("answers other than sold or out of stock").isEmpty();
        assertThat(statuses.stream().filter(s -> s == 201).count())
                .as("sold: %s", statuses)
                .isEqualTo(STOCK);
        assertThat(statuses.stream().filter(s -> s == 409).count())
                .as("refused: %s", statuses)
                .isEqualTo(BUYERS - STOCK);
        assertThat(catalog.stockSettlingAt(productId, 0)).isZero();
    }
}
