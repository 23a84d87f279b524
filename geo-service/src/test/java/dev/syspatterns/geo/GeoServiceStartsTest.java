package dev.syspatterns.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The service starts against real infrastructure and reports itself ready. */
class GeoServiceStartsTest extends GeoIntegrationTest {

    @Autowired
    GeoProperties properties;

    @Test
    void startsAndReportsReadiness() {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"");
    }

    @Test
    void exposesConsumerLagOfThePingWriterPerPartitionAsAMetric() {
        // kafka_consumer_fetch_manager_records_lag{topic, partition} of the writer's consumers (client ids
        // consumer-<writer group>-n), not the client-wide _records_lag_max / _avg that share the prefix and exist
        // before any partition is assigned. Micrometer binds per-partition series on its refresh (every minute),
        // after the consumer has fetched: they can take that long to appear.
        GeoProperties.Pings pings = properties.pings();
        Set<Integer> allPartitions =
                IntStream.range(0, pings.partitions()).boxed().collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Set<Integer> lagged = get("/actuator/prometheus")
                            .body()
                            .lines()
                            .filter(line -> line.startsWith("kafka_consumer_fetch_manager_records_lag{"))
                            .filter(line -> line.contains("topic=\"" + pings.topic() + "\""))
                            .filter(line -> line.contains("client_id=\"consumer-" + pings.writerGroup() + "-"))
                            .map(line -> Integer.valueOf(line.replaceFirst(".*partition=\"(\\d+)\".*", "$1")))
                            .collect(Collectors.toSet());
                    assertThat(lagged)
                            .as(
                                    "partitions of %s with a records_lag series of group %s",
                                    pings.topic(), pings.writerGroup())
                            .isEqualTo(allPartitions);
                });
    }

    @Test
    void publishesItsApiAsOpenApi() {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/geo/places/nearby", "/api/geo/drivers/{driverId}/locations");
    }
}
