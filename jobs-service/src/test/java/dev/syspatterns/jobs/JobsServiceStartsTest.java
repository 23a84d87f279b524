package dev.syspatterns.jobs;

import static org.assertj.core.api.Assertions.assertThat;

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
        JobsApi.Response metrics = new JobsApi(port).get("/actuator/metrics/jobs.queue.depth");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body().toString()).contains("SUCCEEDED", "DEAD", "QUEUED");
    }
}
