package dev.syspatterns.inventory.stock.locking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syspatterns.inventory.InventoryApi;
import dev.syspatterns.inventory.InventoryProperties;
import dev.syspatterns.inventory.InventoryServiceTest;
import dev.syspatterns.inventory.stock.Purchase;
import dev.syspatterns.inventory.stock.PurchaseCommand;
import dev.syspatterns.inventory.stock.Strategy;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A lock holder that stalls past its lease is fenced off by the token of the holder after it. */
@InventoryServiceTest
class FencingTokenTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    RedisFencedLocks locks;

    @Autowired
    FencedRedisLockPurchase fencedPurchase;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InventoryProperties properties;

    private static PurchaseCommand buyOne(long productId) {
        return new PurchaseCommand(
                UUID.randomUUID(), UUID.randomUUID().toString(), productId, 1, Strategy.DISTRIBUTED_LOCK);
    }

    @Test
    void staleLockHolderIsRefusedAfterANewerHolderWrote() throws Exception {
        // given a product, and a first holder whose short lease is not renewed (its process is about to stall)
        long productId = new InventoryApi(port).createProduct("Fenced", 10);
        String name = FencedRedisLockPurchase.lockName(productId);
        FencedLock stalled = locks.tryAcquire(name, Duration.ofMillis(200)).orElseThrow();

        // when it pauses past its lease (a GC pause), a second holder gets the lock and sells
        Thread.sleep(400);
        FencedLock next = locks.tryAcquire(name, Duration.ofSeconds(5)).orElseThrow();
        Purchase sold = fencedPurchase.sellUnder(next, buyOne(productId));

        // then the second holder's token is newer, and the first holder's late write is refused
        assertThat(next.token()).isGreaterThan(stalled.token());
        assertThat(sold.remainingStock()).isEqualTo(9);
        assertThatThrownBy(() -> fencedPurchase.sellUnder(stalled, buyOne(productId)))
                .isInstanceOf(StaleFencingToken.class)
                .hasMessageContaining("token " + stalled.token());
        assertThat(jdbc.sql("select stock, fence_token from product where id = ?")
                        .param(productId)
                        .query((rs, n) -> new long[] {rs.getInt(1), rs.getLong(2)})
                        .single())
                .containsExactly(9, next.token());
        assertThat(jdbc.sql("select count(*) from purchase where product_id = ?")
                        .param(productId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        next.close();
        stalled.close();
    }

    @Test
    void aHolderThatKeepsItsLockAliveHoldsItPastTheLease() throws Exception {
        String name = "renewed-" + UUID.randomUUID();
        Duration lease = properties.lock().lease();
        try (FencedLock held = locks.acquire(name).keepAlive()) {
            // well past the lease, the renewals (every third of it) have kept others out
            Thread.sleep(lease.toMillis() * 3 / 2);
            assertThat(locks.tryAcquire(name, lease))
                    .as("acquired while renewed")
                    .isEmpty();
        }
        FencedLock after = locks.tryAcquire(name, lease).orElseThrow();
        after.close();
    }

    @Test
    void lockIsExclusiveUntilReleasedAndReleaseOnlyRemovesOwnLock() {
        String name = "exclusive-" + UUID.randomUUID();
        FencedLock first = locks.tryAcquire(name, Duration.ofSeconds(5)).orElseThrow();
        assertThat(locks.tryAcquire(name, Duration.ofSeconds(5))).isEmpty();

        first.close();

        FencedLock second = locks.tryAcquire(name, Duration.ofSeconds(5)).orElseThrow();
        first.close(); // a late second release by the old holder must not free the new holder's lock
        assertThat(locks.tryAcquire(name, Duration.ofSeconds(5))).isEmpty();
        second.close();
    }
}
