package dev.syspatterns.inventory.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.inventory.InventoryApi;
import dev.syspatterns.inventory.InventoryServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Cache-aside for product reads: hits, eviction after a write, jittered TTL, one loader per key. */
@InventoryServiceTest
class ProductCacheTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CacheAside cache;

    InventoryApi api;

    @BeforeEach
    void client() {
        api = new InventoryApi(port);
    }

    private static String key(long productId) {
        return "test-inventory:product:" + productId;
    }

    @Test
    void secondReadIsAHit() {
        long id = api.createProduct("Cached", 3);
        redis.delete(key(id));

        InventoryApi.Reply first = api.get("/api/inventory/products/" + id);
        InventoryApi.Reply second = api.get("/api/inventory/products/" + id);

        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.header("X-Cache")).isEqualTo("MISS");
        assertThat(first.header("X-Read-Source")).isIn("replica", "primary");
        assertThat(second.header("X-Cache")).isEqualTo("HIT");
        assertThat(second.json()).isEqualTo(first.json());
    }

    @Test
    void aWriteInvalidatesTheEntry() {
        long id = api.createProduct("Invalidated", 3);
        api.get("/api/inventory/products/" + id);
        assertThat(api.get("/api/inventory/products/" + id).header("X-Cache")).isEqualTo("HIT");

        InventoryApi.Reply bought =
                api.purchase(id, 1, "PESSIMISTIC", UUID.randomUUID().toString());
        InventoryApi.Reply afterWrite =
                api.get("/api/inventory/products/" + id, "X-Write-Position", bought.header("X-Write-Position"));

        assertThat(afterWrite.header("X-Cache")).isEqualTo("MISS");
        assertThat(afterWrite.json().get("stock").asInt()).isEqualTo(2);
        assertThat(afterWrite.json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void entriesExpireWithJitteredTtl() {
        long id = api.createProduct("Expiring", 3);
        api.get("/api/inventory/products/" + id);

        // ttl 60s plus up to 20% jitter
        assertThat(redis.getExpire(key(id))).isBetween(55L, 72L);
        // and the jitter is really random, so entries written together do not expire together
        Set<Duration> ttls = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ttls.add(cache.jittered(Duration.ofSeconds(60)));
        }
        assertThat(ttls)
                .hasSizeGreaterThan(40)
                .allSatisfy(ttl -> assertThat(ttl).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(72)));
    }

    @Test
    void concurrentMissesShareOneLoad() throws Exception {
        long id = api.createProduct("Stampede", 3);
        redis.delete(key(id));
        double loadsBefore = loads();

        CountDownLatch start = new CountDownLatch(1);
        List<Future<InventoryApi.Reply>> reads = new ArrayList<>();
        try (ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 30; i++) {
                reads.add(readers.submit(() -> {
                    start.await();
                    return api.get("/api/inventory/products/" + id);
                }));
            }
            start.countDown();
            for (Future<InventoryApi.Reply> read : reads) {
                assertThat(read.get().status()).isEqualTo(200);
            }
        }

        // without single flight every one of the 30 cold reads would query the database
        assertThat(loads() - loadsBefore).isBetween(1.0, 3.0);
    }

    private double loads() {
        return meters.find("inventory.reads").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
