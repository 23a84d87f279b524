package dev.syspatterns.geo.pings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syspatterns.geo.GeoIntegrationTest;
import dev.syspatterns.geo.sharding.Shards;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Location pings go through Kafka into the shard databases, each exactly once and on its driver's shard. */
class LocationPingsTest extends GeoIntegrationTest {

    private static final int DRIVERS = 500;
    private static final int PINGS_PER_DRIVER = 40;

    @Autowired
    Shards shards;

    private final PingsFixture fixture = new PingsFixture();

    @Test
    void storesTwentyThousandPingsFromFiveHundredDriversExactlyOnceEachOnItsDriversShard() throws Exception {
        // given 500 drivers with 40 pings each, sent as each phone's buffered batch
        Instant start = Instant.now().minusSeconds(3_600);
        Map<String, List<Map<String, Object>>> batches = new HashMap<>();
        for (int d = 0; d < DRIVERS; d++) {
            List<Map<String, Object>> pings = new ArrayList<>();
            for (int p = 0; p < PINGS_PER_DRIVER; p++) {
                pings.add(PingsFixture.ping(
                        10 + d * 0.01, 20 + p * 0.001, start.plusSeconds(p * 4L).plusNanos(d * 1_000L)));
            }
            batches.put(fixture.driver("d" + d), pings);
        }

        // when every batch is posted (20,000 pings), and the first 100 drivers' batches are posted again
        // (a phone retrying after a lost response)
        List<String> drivers = new ArrayList<>(batches.keySet());
        List<String> sends = new ArrayList<>(drivers);
        sends.addAll(drivers.subList(0, 100));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Semaphore inFlight = new Semaphore(16);
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (String driver : sends) {
                responses.add(pool.submit(() -> {
                    inFlight.acquire();
                    try {
                        return postJson("/api/geo/drivers/" + driver + "/locations:batch", batches.get(driver));
                    } finally {
                        inFlight.release();
                    }
                }));
            }
            // then each request is accepted once Kafka has its pings
            for (Future<HttpResponse<String>> response : responses) {
                assertThat(response.get().statusCode())
                        .as(response.get().body())
                        .isEqualTo(202);
            }
        }
        // and a single ping that was sent twice
        String single = fixture.driver("single");
        Map<String, Object> ping = PingsFixture.ping(1.5, 2.5, start);
        assertThat(postJson("/api/geo/drivers/" + single + "/locations", ping).statusCode())
                .isEqualTo(202);
        assertThat(postJson("/api/geo/drivers/" + single + "/locations", ping).statusCode())
                .isEqualTo(202);

        // then all of them are stored, once each
        int expected = DRIVERS * PINGS_PER_DRIVER + 1;
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> fixture.storedTotal() >= expected);
        Map<Integer, Map<String, Long>> stored = fixture.storedByShard();
        // exactly the pings sent, each once
        List<PingsFixture.StoredPing> sent = new ArrayList<>();
        batches.forEach((driver, pings) -> pings.forEach(p -> sent.add(PingsFixture.sent(driver, p))));
        sent.add(PingsFixture.sent(single, ping));
        fixture.assertStoredExactly(sent);

        // and each driver's pings all sit on the one shard the ring assigns it, and no other
        Map<String, Integer> shardOf = new HashMap<>();
        stored.forEach((shard, rows) -> rows.forEach((driver, count) -> {
            assertThat(shardOf.put(driver, shard))
                    .as("%s found on two shards", driver)
                    .isNull();
        }));
        for (String driver : drivers) {
            assertThat(stored.get(shardOf.get(driver)).get(driver)).isEqualTo(PINGS_PER_DRIVER);
            assertThat(shardOf.get(driver)).isEqualTo(shards.shardFor(driver).index());
        }
        assertThat(stored.get(shards.shardFor(single).index()).get(single)).isEqualTo(1);
        // and all four shards share the load
        assertThat(stored.values()).allSatisfy(rows -> assertThat(rows.size()).isGreaterThan(DRIVERS / 8));
    }

    @Test
    void aDriversHistoryIsReadFromItsShardNewestFirst() {
        String driver = fixture.driver("history");
        Instant t0 = Instant.now().minusSeconds(60);
        List<Map<String, Object>> pings = IntStream.range(0, 5)
                .mapToObj(i -> PingsFixture.ping(40 + i * 0.001, -3.7, t0.plusSeconds(i)))
                .toList();
        assertThat(postJson("/api/geo/drivers/" + driver + "/locations:batch", pings)
                        .statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> read(get("/api/geo/drivers/" + driver + "/locations"))
                                .get("pings")
                                .size()
                        == 5);
        JsonNode history = read(get("/api/geo/drivers/" + driver + "/locations?limit=2"));
        assertThat(history.get("shard").asString())
                .isEqualTo(shards.shardFor(driver).name());
        assertThat(history.get("pings")).hasSize(2);
        assertThat(history.get("pings").get(0).get("lat").asDouble()).isEqualTo(40.004);
        assertThat(Instant.parse(history.get("pings").get(0).get("recordedAt").asString()))
                .isEqualTo(t0.plusSeconds(4).truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }
}
