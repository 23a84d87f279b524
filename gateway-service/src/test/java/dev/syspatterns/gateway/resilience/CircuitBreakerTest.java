package dev.syspatterns.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.gateway.GatewayIntegrationTest;
import dev.syspatterns.gateway.UpstreamStub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest extends GatewayIntegrationTest {

    @Test
    void deadServiceGivesAQuick503Problem() {
        // given: nothing listens where jobs-service should be
        String token = tokenFor(newUser());

        // when
        long started = System.nanoTime();
        HttpResponse<String> response = get("/api/jobs/123", token);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then: an answer, not a hang (a loose bound: this is about behaviour, not speed)
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<String, Object> problem = UpstreamStub.parse(response.body());
        assertThat(problem).containsEntry("status", 503).containsEntry("service", "jobs");
        assertThat(problem).containsEntry("instance", "/api/jobs/123");
    }
}
