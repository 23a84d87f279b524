package dev.syspatterns.geo.pings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syspatterns.geo.GeoIntegrationTest;
import dev.syspatterns.geo.TestShards;
import dev.syspatterns.testsupport.TcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shard databases go away (their proxies are cut; the shared PostgreSQL keeps running for everyone
 * else) while drivers keep sending. Pings are still accepted, wait in Kafka, and are all stored once the
 * databases are back.
 */
class DatabaseOutageTest extends GeoIntegrationTest {

    @Autowired
    MeterRegistry meters;

    private final PingsFixture fixture = new PingsFixture();

    @AfterEach
    void databasesAreBack() {
        TestShards.proxies().forEach(TcpProxy::restore);
    }

    @Test
    void pingsAcceptedWhileTheDatabaseIsDownAreAllStoredOnceItReturns() {
        // given the shard databases are unreachable
        double failuresBefore = failures();
        TestShards.proxies().forEach(TcpProxy::cut);

        // when 30 drivers send 10 pings each, one request per ping
        Instant t0 = Instant.now().minusSeconds(30);
        List<PingsFixture.StoredPing> sent = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            String driver = fixture.driver("outage" + d);
            for (int p = 0; p < 10; p++) {
                Map<String, Object> ping = PingsFixture.ping(51 + d * 0.01, 0.1 * p, t0.plusMillis(p * 1_000L));
                sent.add(PingsFixture.sent(driver, ping));
                var response = postJson("/api/geo/drivers/" + driver + "/locations", ping);
                // then each is accepted: Kafka holds it, the database is not on this path
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            }
        }

        // and the writer keeps failing and backing off, storing nothing and skipping nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> failures() > failuresBefore + 1);
        assertThat(fixture.storedTotal()).isZero();

        // when the databases return
        TestShards.proxies().forEach(TcpProxy::restore);

        // then every ping accepted during the outage is stored, exactly once
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> fixture.storedTotal() >= 300);
        fixture.assertStoredExactly(sent);
    }

    private double failures() {
        return meters.counter("geo.pings.write.failures").count();
    }
}
