package dev.syspatterns.inventory.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syspatterns.inventory.InventoryApi;
import dev.syspatterns.inventory.InventoryServiceTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** Reads go to the replica, except where the replica could not yet show the client's own write. */
@InventoryServiceTest
class ReadRoutingTest {

    @Value("${local.server.port}")
    int port;

    InventoryApi api;

    @BeforeEach
    void client() {
        api = new InventoryApi(port);
    }

    @Test
    void plainReadIsServedByTheReplica() {
        String word = "rr" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long id = api.createProduct("Replicated " + word, 4);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            InventoryApi.Reply search = api.get("/api/inventory/products?q=" + word);
            assertThat(search.header("X-Read-Source")).isEqualTo("replica");
            assertThat(search.json().get("total").asLong()).isEqualTo(1);
        });
        InventoryApi.Reply byId = api.get("/api/inventory/products/" + id);

        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.header("X-Cache")).isEqualTo("MISS");
        assertThat(byId.header("X-Read-Source")).isEqualTo("replica");
    }

    @Test
    void readAfterWriteBySameClientSeesTheWrite() {
        // a word of its own, so the search below finds this run's product whatever earlier runs left behind
        String word = "ryw" + UUID.randomUUID().toString().substring(0, 8);
        long id = api.createProduct("Read your writes " + word, 4);
        api.get("/api/inventory/products/" + id); // warm the cache with the old stock

        InventoryApi.Reply bought =
                api.purchase(id, 3, "OPTIMISTIC", UUID.randomUUID().toString());
        String position = bought.header("X-Write-Position");
        assertThat(bought.header("Set-Cookie")).contains("write-position=" + position);

        InventoryApi.Reply read = api.get("/api/inventory/products/" + id, "X-Write-Position", position);
        InventoryApi.Reply viaCookie =
                api.get("/api/inventory/products?q=" + word, "Cookie", "write-position=" + position);

        assertThat(read.json().get("stock").asInt()).isEqualTo(1);
        assertThat(read.header("X-Read-Source")).isIn("replica", "primary");
        assertThat(viaCookie
                        .json()
                        .get("items")
                        .valueStream()
                        .filter(p -> p.get("id").asLong() == id)
                        .map(p -> p.get("stock").asInt()))
                .containsExactly(1);
    }

    @Test
    void readCarryingAPositionTheReplicaHasNotReachedGoesToThePrimary() {
        // a position far ahead of any WAL: only the primary may answer such a client
        InventoryApi.Reply read = api.get("/api/inventory/products?q=anything", "X-Write-Position", "FFFFFFF/0");

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("X-Read-Source")).isEqualTo("primary");
    }
}
