package dev.syspatterns.geo.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syspatterns.events.Topics;
import dev.syspatterns.geo.GeoIntegrationTest;
import dev.syspatterns.geo.SeededRandom;
import dev.syspatterns.testsupport.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The live index answers "nearest drivers" from each driver's latest position, and publishes each move. */
class NearbyDriversTest extends GeoIntegrationTest {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final SeededRandom random = SeededRandom.forTest(NearbyDriversTest.class);

    @Test
    void nearestDriversReflectTheLatestPositionsAndEachMoveIsPublished() {
        try (TopicTail events = TopicTail.of(Topics.DRIVER_LOCATED)) {
            // given a spot of the map for this run, and three drivers
            double lat = -60 + random.nextDouble() * 120;
            double lon = -170 + random.nextDouble() * 340;
            String spot = "around %f,%f, %s".formatted(lat, lon, random);
            String near = "near-" + run;
            String mover = "mover-" + run;
            String far = "far-" + run;
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);

            // when all three report, the mover first close by and then 5 km away
            ping(near, lat + 0.003, lon, t);
            ping(far, lat + 0.2, lon, t);
            ping(mover, lat + 0.001, lon, t);
            ping(mover, lat + 0.045, lon, t.plusSeconds(5));

            // then the nearest drivers, nearest first, are those at their latest positions
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(driverIds(nearby(lat, lon, 10_000)))
                            .as(spot)
                            .containsExactly(near, mover));
            JsonNode closest = nearby(lat, lon, 1_000);
            assertThat(driverIds(closest)).as(spot).containsExactly(near);
            assertThat(closest.get(0).get("distanceMeters").asDouble()).as(spot).isBetween(300.0, 370.0);
            assertThat(Instant.parse(closest.get(0).get("recordedAt").asString()))
                    .isEqualTo(t);

            // when a late ping arrives that is older than the mover's latest, then a newer one
            ping(mover, lat, lon, t.plusSeconds(2));
            ping(mover, lat + 0.09, lon, t.plusSeconds(10));

            // then the late ping never moved it back: it is at the newest position
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(driverIds(nearby(lat + 0.09, lon, 500)))
                            .as(spot)
                            .containsExactly(mover));
            assertThat(driverIds(nearby(lat, lon, 1_000))).as(spot).containsExactly(near);

            // and realtime was told of every move, in order, and not of the late ping
            List<JsonNode> moves = events.withKey(mover, 3, Duration.ofSeconds(30)).stream()
                    .map(record -> json.readTree(record.value()))
                    .toList();
            assertThat(moves).as(spot).hasSize(3);
            assertThat(moves).extracting(m -> m.get("channel").asString()).containsOnly("driver." + mover);
            assertThat(moves)
                    .extracting(m -> Instant.parse(m.get("recordedAt").asString()))
                    .containsExactly(t, t.plusSeconds(5), t.plusSeconds(10));
        }
    }

    @Test
    void rejectsASearchOutsideTheLiveIndex() {
        var response = get("/api/geo/drivers/nearby?lat=89&lon=0&radiusMeters=1000");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
    }

    private void ping(String driver, double lat, double lon, Instant at) {
        var response =
                postJson("/api/geo/drivers/" + driver + "/locations", Map.of("lat", lat, "lon", lon, "recordedAt", at));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private JsonNode nearby(double lat, double lon, double radius) {
        return read(get("/api/geo/drivers/nearby?lat=" + lat + "&lon=" + lon + "&radiusMeters=" + radius));
    }

    private static List<String> driverIds(JsonNode drivers) {
        List<String> ids = new ArrayList<>();
        drivers.forEach(d -> ids.add(d.get("driverId").asString()));
        return ids;
    }
}
