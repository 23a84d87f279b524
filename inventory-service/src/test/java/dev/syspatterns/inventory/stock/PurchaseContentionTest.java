package dev.syspatterns.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.inventory.InventoryApi;
import dev.syspatterns.inventory.InventoryServiceTest;
import dev.syspatterns.inventory.StoredStock;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** 200 buyers, 50 units, real HTTP: the protected strategies sell exactly the stock, NONE does not. */
@InventoryServiceTest
class PurchaseContentionTest {

    private static final int STOCK = 50;
    private static final int BUYERS = 200;

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    InventoryApi api;

    @BeforeEach
    void client() {
        api = new InventoryApi(port);
    }

    /** Status codes of {@code BUYERS} concurrent one-unit purchases, released at the same instant. */
    private Map<Integer, Long> buyConcurrently(long productId, String strategy) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService buyers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < BUYERS; i++) {
                statuses.add(buyers.submit(() -> {
                    start.await();
                    return api.purchase(
                                    productId, 1, strategy, UUID.randomUUID().toString())
                            .status();
                }));
            }
            start.countDown();
            Map<Integer, Long> counts = new ConcurrentHashMap<>();
            for (Future<Integer> status : statuses) {
                counts.merge(status.get(), 1L, Long::sum);
            }
            return counts;
        }
    }

    private int stockOf(long productId) {
        return StoredStock.of(jdbc, productId);
    }

    private long purchasesOf(long productId) {
        return jdbc.sql("select count(*) from purchase where product_id = ?")
                .param(productId)
                .query(Long.class)
                .single();
    }

    @ParameterizedTest
    @EnumSource(
            value = Strategy.class,
            names = {"PESSIMISTIC", "OPTIMISTIC", "DISTRIBUTED_LOCK"})
    void sellsExactlyTheStockUnderContention(Strategy strategy) throws Exception {
        // given a product with 50 units
        long productId = api.createProduct("Last units " + strategy, STOCK);

        // when 200 buyers each want one unit at the same time
        double retriesBefore = serverRetries(strategy);
        Map<Integer, Long> statuses = buyConcurrently(productId, strategy.name());

        // then exactly 50 are sold, everyone else is told the stock ran out, and nothing is left over or owed
        assertThat(statuses).as("status codes").containsOnlyKeys(201, 409);
        assertThat(statuses.get(201)).as("sold").isEqualTo(STOCK);
        assertThat(statuses.get(409)).as("refused").isEqualTo(BUYERS - STOCK);
        assertThat(stockOf(productId)).isZero();
        assertThat(purchasesOf(productId)).isEqualTo(STOCK);
        // and the contention had its cost where the strategy pays it: version conflicts retried, or a lock
        // found busy and polled again (a row lock queues buyers inside PostgreSQL instead)
        if (strategy != Strategy.PESSIMISTIC) {
            assertThat(serverRetries(strategy) - retriesBefore)
                    .as("server-side retries")
                    .isPositive();
        }
    }

    /** The strategy's own retries, as counted for metrics: version conflicts, or tries that found the lock held. */
    private double serverRetries(Strategy strategy) {
        return switch (strategy) {
            case OPTIMISTIC -> meters.counter("inventory.optimistic.conflicts").count();
            case DISTRIBUTED_LOCK -> meters.counter("inventory.lock.busy").count();
            default -> 0;
        };
    }

    @Test
    void unprotectedPurchasesLoseUpdates() throws Exception {
        // given a product with 50 units
        long productId = api.createProduct("Last units NONE", STOCK);

        // when 200 buyers use the strategy without protection
        Map<Integer, Long> statuses = buyConcurrently(productId, "NONE");

        // then the books do not add up: more sales were confirmed than the stock that left the shelf
        long sold = statuses.getOrDefault(201, 0L);
        int left = stockOf(productId);
        assertThat(statuses.keySet()).as("no server errors").allMatch(status -> status < 500);
        assertThat(left).as("the check constraint keeps stock non-negative").isNotNegative();
        assertThat(sold + left)
                .as("confirmed sales %d + stock left %d should be %d if no update was lost", sold, left, STOCK)
                .isGreaterThan(STOCK);
        assertThat(purchasesOf(productId)).isEqualTo(sold);
    }
}
