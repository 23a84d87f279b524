package dev.syspatterns.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The service starts against real infrastructure and reports itself ready. */
@JobsIntegrationTest
class JobsServiceStartsTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void startsAndReportsReadiness() {
        JobsApi.Response readiness = new JobsApi(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().get("status").stringValue()).isEqualTo("UP");
    }

    @Test
    void publishesItsApiAsOpenApi() {
        JobsApi.Response docs = new JobsApi(port).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/api/jobs/{id}/cancel")).isTrue();
    }

    @Test
    void exposesQueueMetricsForPrometheus() {
        JobsApi api = new JobsApi(port);
        // given a job that stays QUEUED (it runs in 2100), so the QUEUED depth is at least 1 once the gauges are
        // re-read from the table (every second here); the gauges start at 0 for every status
        UUID delayed = api.submitted(
                "{\"type\":\"demo.sleep\",\"runAt\":\"2100-01-01T00:00:00Z\",\"payload\":{\"durationMs\":10}}");
        try {
            // then Prometheus scrapes show it
            Awaitility.await()
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(queueDepth(api.text("/actuator/prometheus"), "QUEUED"))
                            .isGreaterThanOrEqualTo(1));
        } finally {
            api.post("/api/jobs/" + delayed + "/cancel");
        }
    }

    /** The value of {@code jobs_queue_depth{status="<status>"}} in a Prometheus scrape; fails if it is absent. */
    private static double queueDepth(String scrape, String status) {
        return scrape.lines()
                .filter(line -> line.startsWith("jobs_queue_depth{") && line.contains("status=\"" + status + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no jobs_queue_depth{status=\"" + status + "\"} in the scrape"));
    }
}
