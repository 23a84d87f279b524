package dev.syspatterns.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The service starts against real infrastructure and reports itself ready. */
@InventoryServiceTest
class InventoryServiceStartsTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void startsAndReportsReadiness() {
        InventoryApi.Reply readiness = new InventoryApi(port).get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.raw().body()).contains("\"UP\"");
    }
}
