package dev.syspatterns.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.testsupport.Infrastructure;
import dev.syspatterns.testsupport.TcpProxy;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The replica and Redis go away (through a cuttable proxy; the real servers are shared and keep running), and
 * the service keeps answering reads from the primary.
 */
@InventoryServiceTest
class OutagesTest {

    static final TcpProxy replica = TcpProxy.to(
            Infrastructure.get().postgres().replicaHost(),
            Infrastructure.get().postgres().replicaPort());
    static final TcpProxy redis = TcpProxy.to(
            Infrastructure.get().redis().host(), Infrastructure.get().redis().port());

    @DynamicPropertySource
    static void throughProxies(DynamicPropertyRegistry registry) {
        String database = Infrastructure.get().createDatabase("test_inventory");
        registry.add(
                "platform.inventory.replica.url",
                () -> "jdbc:postgresql://" + replica.host() + ":" + replica.port() + "/" + database);
        registry.add("spring.data.redis.host", redis::host);
        registry.add("spring.data.redis.port", redis::port);
    }

    @Value("${local.server.port}")
    int port;

    InventoryApi api;

    @BeforeEach
    void client() {
        api = new InventoryApi(port);
    }

    @AfterEach
    void restore() {
        replica.restore();
        redis.restore();
    }

    @AfterAll
    static void close() {
        replica.close();
        redis.close();
    }

    @Test
    void replicaDownReadsStillSucceedFromThePrimaryAndHealthSaysSo() {
        long id = api.createProduct("Survives replica loss", 2);
        assertThat(api.get("/api/inventory/products?q=anything").header("X-Read-Source"))
                .isEqualTo("replica");

        replica.cut();

        InventoryApi.Reply search = api.get("/api/inventory/products?q=survives");
        InventoryApi.Reply byId = api.get("/api/inventory/products/" + id, "Cache-Control", "no-cache");
        InventoryApi.Reply health = api.get("/actuator/health/replica");

        assertThat(search.status()).isEqualTo(200);
        assertThat(search.header("X-Read-Source")).isEqualTo("primary");
        assertThat(byId.status()).isEqualTo(200);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
        assertThat(health.json().get("details").get("reads").asString()).isEqualTo("primary");
    }

    @Test
    void redisDownReadsStillSucceedWithoutTheCache() {
        long id = api.createProduct("Survives cache loss", 2);

        redis.cut();

        InventoryApi.Reply read = api.get("/api/inventory/products/" + id);
        InventoryApi.Reply bought =
                api.purchase(id, 1, "PESSIMISTIC", UUID.randomUUID().toString());
        InventoryApi.Reply locked =
                api.purchase(id, 1, "DISTRIBUTED_LOCK", UUID.randomUUID().toString());

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.header("X-Cache")).isEqualTo("BYPASS");
        assertThat(bought.status())
                .as("a database strategy does not need Redis")
                .isEqualTo(201);
        assertThat(locked.status())
                .as("the lock strategy cannot lock without Redis")
                .isEqualTo(503);
        assertThat(locked.contentType()).startsWith("application/problem+json");
    }
}
