package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The front door is open where it must be and closed everywhere else. */
class GatewayFrontDoorTest {

    private final Gateway gateway = new Gateway();

    @Test
    void healthIsOpenWithoutAToken() {
        var health = gateway.get("/actuator/health/readiness", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    @Test
    void apisRefuseACallerWithoutAToken() {
        assertThat(gateway.get("/api/inventory/products/1", null).statusCode()).isEqualTo(401);
    }
}
