package dev.syspatterns.geo.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.syspatterns.geo.GeoIntegrationTest;
import dev.syspatterns.geo.SeededRandom;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Proximity search against 10,000 random places, checked against answers computed here by brute force:
 * haversine on the same sphere PostGIS uses for geography with {@code use_spheroid=false}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NearbyPlacesTest extends GeoIntegrationTest {

    /** The mean earth radius PostGIS uses for sphere distances on geography. */
    private static final double EARTH_RADIUS = 6_371_008.7714;

    private static final int PLACES = 10_000;

    @Autowired
    JdbcClient jdbc;

    private final SeededRandom random = SeededRandom.forTest(NearbyPlacesTest.class);
    private double centerLat;
    private double centerLon;
    private List<Known> places;

    record Known(long id, String name, String category, double lat, double lon) {}

    @BeforeAll
    void importTenThousandRandomPlaces() {
        jdbc.sql("TRUNCATE places").update();
        centerLat = -50 + random.nextDouble() * 100;
        centerLon = -170 + random.nextDouble() * 340;
        // half through CSV, half through GeoJSON: both import paths feed the same searches
        StringBuilder csv = new StringBuilder("name,category,lat,lon\n");
        List<Map<String, Object>> features = new ArrayList<>();
        for (int i = 0; i < PLACES; i++) {
            double lat = centerLat - 0.5 + random.nextDouble();
            double lon = centerLon - 0.5 + random.nextDouble();
            String category = i % 3 == 0 ? "cafe" : "store";
            String name = "place " + i;
            if (i % 2 == 0) {
                csv.append('"')
                        .append(name)
                        .append(", corner\",")
                        .append(category)
                        .append(',');
                csv.append(lat).append(',').append(lon).append('\n');
            } else {
                features.add(Map.of(
                        "type", "Feature",
                        "geometry", Map.of("type", "Point", "coordinates", List.of(lon, lat)),
                        "properties", Map.of("name", name, "category", category)));
            }
        }
        HttpResponse<String> fromCsv = post("/api/geo/places:bulk", "text/csv", csv.toString());
        HttpResponse<String> fromGeoJson = post(
                "/api/geo/places:bulk",
                "application/geo+json",
                json.writeValueAsString(Map.of("type", "FeatureCollection", "features", features)));
        assertThat(fromCsv.statusCode()).as(fromCsv.body()).isEqualTo(201);
        assertThat(fromGeoJson.statusCode()).as(fromGeoJson.body()).isEqualTo(201);
        assertThat(read(fromCsv).get("imported").asInt()
                        + read(fromGeoJson).get("imported").asInt())
                .isEqualTo(PLACES);

        places = jdbc.sql("SELECT id, name, category, ST_Y(location::geometry) AS lat,"
                        + " ST_X(location::geometry) AS lon FROM places")
                .query(Known.class)
                .list();
        assertThat(places).hasSize(PLACES);
    }

    @Test
    void nearbyEqualsABruteForceHaversineRanking() {
        for (int round = 0; round < 5; round++) {
            // given a random origin inside the cloud of places
            double lat = centerLat - 0.4 + random.nextDouble() * 0.8;
            double lon = centerLon - 0.4 + random.nextDouble() * 0.8;
            double radius = round % 2 == 0 ? 20_000 : 2_000;
            String category = round == 4 ? "cafe" : null;

            // when searching nearby
            JsonNode found = read(get("/api/geo/places/nearby?lat=" + lat + "&lon=" + lon + "&radiusMeters=" + radius
                    + "&limit=100" + (category == null ? "" : "&category=" + category)));

            // then the ids, their order and the distances are those of the brute-force ranking
            List<Map.Entry<Known, Double>> expected = places.stream()
                    .filter(p -> category == null || p.category().equals(category))
                    .map(p -> Map.entry(p, haversine(lat, lon, p.lat(), p.lon())))
                    .filter(e -> e.getValue() <= radius)
                    .sorted(Map.Entry.comparingByValue())
                    .limit(100)
                    .toList();
            assertThat(expected).as("round %d, %s", round, random).isNotEmpty();
            assertThat(ids(found))
                    .as("round %d at %f,%f within %f m, %s", round, lat, lon, radius, random)
                    .containsExactlyElementsOf(
                            expected.stream().map(e -> e.getKey().id()).toList());
            for (int i = 0; i < expected.size(); i++) {
                double metres = expected.get(i).getValue();
                assertThat(found.get(i).get("distanceMeters").asDouble())
                        .as("round %d, result %d, %s", round, i, random)
                        .isCloseTo(metres, within(metres * 0.005));
            }
        }
    }

    @Test
    void boundingBoxEqualsABruteForceFilter() {
        double minLon = centerLon - 0.3 + random.nextDouble() * 0.2;
        double minLat = centerLat - 0.3 + random.nextDouble() * 0.2;
        double maxLon = minLon + 0.05 + random.nextDouble() * 0.2;
        double maxLat = minLat + 0.05 + random.nextDouble() * 0.2;

        JsonNode found =
                read(get("/api/geo/places/within?bbox=" + minLon + "," + minLat + "," + maxLon + "," + maxLat));

        List<Long> expected = places.stream()
                .filter(p -> p.lon() >= minLon && p.lon() <= maxLon && p.lat() >= minLat && p.lat() <= maxLat)
                .map(Known::id)
                .sorted()
                .toList();
        assertThat(expected).as("%s", random).isNotEmpty();
        assertThat(ids(found))
                .as("bbox=%s,%s,%s,%s %s", minLon, minLat, maxLon, maxLat, random)
                .containsExactlyElementsOf(expected);
    }

    @Test
    void polygonEqualsABruteForcePointInPolygon() {
        // given a concave polygon (an L shape, so a bounding-box shortcut would be wrong) with a square hole
        double x = centerLon - 0.3;
        double y = centerLat - 0.3;
        double[][] shell = {
            {x, y}, {x + 0.6, y}, {x + 0.6, y + 0.2}, {x + 0.2, y + 0.2}, {x + 0.2, y + 0.6}, {x, y + 0.6}, {x, y}
        };
        double[][] hole = {
            {x + 0.05, y + 0.05}, {x + 0.1, y + 0.05}, {x + 0.1, y + 0.1}, {x + 0.05, y + 0.1}, {x + 0.05, y + 0.05}
        };
        Map<String, Object> polygon = Map.of("type", "Polygon", "coordinates", List.of(shell, hole));

        JsonNode found = read(postJson("/api/geo/places/within-polygon", polygon));

        List<Long> expected = places.stream()
                .filter(p -> inside(shell, p.lon(), p.lat()) && !inside(hole, p.lon(), p.lat()))
                .map(Known::id)
                .sorted()
                .toList();
        assertThat(expected).as("%s", random).hasSizeGreaterThan(100);
        assertThat(ids(found)).as("%s", random).containsExactlyElementsOf(expected);
    }

    @Test
    void nearbyQueryWalksTheGistIndexInDistanceOrder() {
        String plan = jdbc
                .sql("EXPLAIN " + PlaceSearch.NEARBY.formatted(""))
                .param("lat", centerLat)
                .param("lon", centerLon)
                .param("radius", 5_000.0)
                .param("limit", 20)
                .query(String.class)
                .list()
                .stream()
                .collect(Collectors.joining("\n"));

        assertThat(plan).as("%s", random).contains("Index Scan using places_location_gist on places");
        assertThat(plan).contains("Order By: (location <-> ");
    }

    @Test
    void boundingBoxQueryUsesTheGeometryIndex() {
        String plan = jdbc
                .sql("EXPLAIN " + PlaceSearch.WITHIN_BOX.formatted(""))
                .param("minLon", centerLon - 0.01)
                .param("minLat", centerLat - 0.01)
                .param("maxLon", centerLon + 0.01)
                .param("maxLat", centerLat + 0.01)
                .param("limit", 100)
                .query(String.class)
                .list()
                .stream()
                .collect(Collectors.joining("\n"));

        // an index scan or a bitmap scan of it, either way not a scan of the whole table
        assertThat(plan).as("%s", random).contains("places_location_geometry_gist");
    }

    @Test
    void distanceIsMeasuredOnTheSphere() {
        // Paris to Berlin
        JsonNode answer = read(get("/api/geo/distance?from=48.8566,2.3522&to=52.5200,13.4050"));
        double expected = haversine(48.8566, 2.3522, 52.52, 13.405);
        assertThat(answer.get("meters").asDouble()).isCloseTo(expected, within(expected * 0.0001));
    }

    @Test
    void aCreatedPlaceIsFoundNearby() {
        // two degrees north of the cloud: the box, polygon and nearby tests compare against the cloud alone
        double lat = centerLat + 2;
        HttpResponse<String> created = postJson(
                "/api/geo/places",
                Map.of("name", "Single", "category", "unique-" + System.nanoTime(), "lat", lat, "lon", centerLon));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode place = read(created);
        JsonNode nearby = read(get("/api/geo/places/nearby?lat=" + lat + "&lon=" + centerLon
                + "&radiusMeters=10&category=" + place.get("category").asString()));
        assertThat(ids(nearby)).as("%s", random).containsExactly(place.get("id").asLong());
        assertThat(read(get("/api/geo/places/" + place.get("id").asLong()))
                        .get("name")
                        .asString())
                .isEqualTo("Single");
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    private static double haversine(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS * Math.asin(Math.sqrt(a));
    }

    /** Ray casting: a point is inside when a ray from it crosses the ring an odd number of times. */
    private static boolean inside(double[][] ring, double x, double y) {
        boolean inside = false;
        for (int i = 0, j = ring.length - 1; i < ring.length; j = i++) {
            double xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
            if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                inside = !inside;
            }
        }
        return inside;
    }
}
