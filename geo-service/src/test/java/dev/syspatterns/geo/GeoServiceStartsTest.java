package dev.syspatterns.geo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The service starts against real infrastructure and reports itself ready. */
class GeoServiceStartsTest extends GeoIntegrationTest {

    @Test
    void startsAndReportsReadiness() {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
    }

    @Test
    void exposesConsumerLagOfThePingStreamAsAMetric() {
        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("kafka_consumer_fetch_manager_records_lag");
    }

    @Test
    void publishesItsApiAsOpenApi() {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/geo/places/nearby", "/api/geo/drivers/{driverId}/locations");
    }
}
