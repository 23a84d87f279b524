package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Patterns 8 and 5 through the front door: places near a point, and a driver's ping in history and nearby. */
class ProximityTest {

    /** Metres per degree of latitude on the sphere geo-service measures on (mean radius 6,371,008.8 m). */
    private static final double METRES_PER_DEGREE = 111_194.93;

    private final Gateway gateway = new Gateway();

    /** Somewhere no earlier run put anything (a random spot away from the poles). */
    private static double[] randomSpot() {
        var random = ThreadLocalRandom.current();
        return new double[] {random.nextDouble(-50, 50), random.nextDouble(-170, 170)};
    }

    @Test
    void nearbyPlacesAreTheOnesWithinTheRadiusNearestFirst() {
        // given places of a category of this run's own, 100 m, 600 m, 1.5 km and 8 km north of a point
        String token = gateway.token(Gateway.unique("e2e-geo"));
        String category = Gateway.unique("e2e-cafe");
        double[] origin = randomSpot();
        List<Integer> metresNorth = List.of(1_500, 100, 8_000, 600);
        for (int metres : metresNorth) {
            var created = gateway.postJson(
                    "/api/geo/places",
                    token,
                    Map.of(
                            "name",
                            "place " + metres + " m",
                            "category",
                            category,
                            "lat",
                            origin[0] + metres / METRES_PER_DEGREE,
                            "lon",
                            origin[1]));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }

        // when asking for that category within 2 km of the point
        var nearby = gateway.get(
                "/api/geo/places/nearby?lat=%s&lon=%s&radiusMeters=2000&limit=20&category=%s"
                        .formatted(origin[0], origin[1], category),
                token);

        // then the three inside come back, nearest first, with their distances
        assertThat(nearby.statusCode()).as(nearby.body()).isEqualTo(200);
        List<JsonNode> places = List.copyOf(Gateway.json(nearby).values());
        assertThat(places)
                .extracting(p -> p.get("name").asString())
                .containsExactly("place 100 m", "place 600 m", "place 1500 m");
        assertThat(places.get(0).get("distanceMeters").asDouble()).isCloseTo(100, within(1.0));
        assertThat(places.get(2).get("distanceMeters").asDouble()).isCloseTo(1_500, within(5.0));
    }

    @Test
    void aDriversPingShowsUpInItsHistoryAndAmongNearbyDrivers() {
        // given a driver no earlier run used, at a spot of its own
        String token = gateway.token(Gateway.unique("e2e-driver-app"));
        String driverId = Gateway.unique("e2e-drv");
        double[] spot = randomSpot();
        Instant recordedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // when its app sends a ping
        var accepted = gateway.postJson(
                "/api/geo/drivers/" + driverId + "/locations",
                token,
                Map.of("lat", spot[0], "lon", spot[1], "recordedAt", recordedAt.toString()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        // then, once Kafka's consumers wrote it, its history (from its shard) holds exactly that ping
        var history = Eventually.poll(
                Duration.ofSeconds(30),
                () -> Gateway.json(gateway.get("/api/geo/drivers/" + driverId + "/locations?limit=10", token)),
                h -> !h.path("pings").isEmpty());
        assertThat(history.get("pings")).hasSize(1);
        JsonNode ping = history.get("pings").get(0);
        assertThat(ping.get("lat").asDouble()).isCloseTo(spot[0], within(1e-6));
        assertThat(ping.get("lon").asDouble()).isCloseTo(spot[1], within(1e-6));
        assertThat(Instant.parse(ping.get("recordedAt").asString())).isEqualTo(recordedAt);

        // and the live index finds it from 300 m away
        double fromLat = spot[0] + 300 / METRES_PER_DEGREE;
        var nearby = Eventually.poll(
                Duration.ofSeconds(30),
                () -> Gateway.json(gateway.get(
                        "/api/geo/drivers/nearby?lat=%s&lon=%s&radiusMeters=1000&limit=10".formatted(fromLat, spot[1]),
                        token)),
                drivers -> drivers.valueStream()
                        .anyMatch(d -> driverId.equals(d.get("driverId").asString())));
        JsonNode driver = nearby.valueStream()
                .filter(d -> driverId.equals(d.get("driverId").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(driverId + " is not among the nearby drivers " + nearby));
        assertThat(driver.get("distanceMeters").asDouble()).isCloseTo(300, within(2.0));
    }
}
