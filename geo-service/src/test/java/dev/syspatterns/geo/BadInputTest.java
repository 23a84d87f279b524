package dev.syspatterns.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Bad input is a 400 problem+json that names the problem, and nothing of it is written. */
class BadInputTest extends GeoIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "GET {0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/geo/places/nearby?lat=91&lon=0 | lat",
                "/api/geo/places/nearby?lat=0&lon=-180.5 | lon",
                "/api/geo/places/nearby?lat=NaN&lon=0 | lat",
                "/api/geo/places/nearby?lat=0&lon=Infinity | lon",
                "/api/geo/places/nearby?lon=0 | lat is required",
                "/api/geo/places/nearby?lat=0&lon=0&radiusMeters=0 | radiusMeters",
                "/api/geo/places/nearby?lat=0&lon=0&radiusMeters=-5 | radiusMeters",
                "/api/geo/places/nearby?lat=0&lon=0&radiusMeters=1e9 | radiusMeters",
                "/api/geo/places/nearby?lat=0&lon=0&limit=100000 | limit",
                "/api/geo/places/nearby?lat=0&lon=0&limit=0 | limit",
                "/api/geo/places/within?bbox=1,2,3 | bbox",
                "/api/geo/places/within?bbox=10,0,5,1 | antimeridian",
                "/api/geo/places/within?bbox=0,50,1,40 | maxLat",
                "/api/geo/places/within?bbox=0,0,1,x | bbox.maxLat",
                "/api/geo/distance?from=0,0&to=95,0 | to.lat",
                "/api/geo/distance?from=0&to=1,1 | from",
                "/api/geo/drivers/nearby?lat=0&lon=200 | lon",
                "/api/geo/drivers/bad%20id/locations | driverId",
            })
    void rejectsBadQueriesWithAProblemNamingIt(String path, String named) {
        assertProblem(get(path.strip()), named.strip());
    }

    @Test
    void rejectsMalformedGeoJsonPolygons() {
        assertProblem(postJson("/api/geo/places/within-polygon", Map.of("type", "Point")), "Polygon");
        assertProblem(
                postJson(
                        "/api/geo/places/within-polygon",
                        Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(0, 0), List.of(1, 1))))),
                "at least 4");
        assertProblem(
                postJson(
                        "/api/geo/places/within-polygon",
                        Map.of(
                                "type",
                                "Polygon",
                                "coordinates",
                                List.of(List.of(List.of(0, 0), List.of(1, 0), List.of(1, 1), List.of(0, 1))))),
                "not closed");
        // a bow tie crosses itself
        assertProblem(
                postJson(
                        "/api/geo/places/within-polygon",
                        Map.of(
                                "type",
                                "Polygon",
                                "coordinates",
                                List.of(List.of(
                                        List.of(0, 0), List.of(1, 1), List.of(1, 0), List.of(0, 1), List.of(0, 0))))),
                "not valid");
        assertProblem(post("/api/geo/places/within-polygon", "application/json", "{\"type\":"), "body");
    }

    @Test
    void writesNoPlaceFromABadRequest() {
        long before = placeCount();
        String marker = "bad-" + UUID.randomUUID();

        assertProblem(
                postJson("/api/geo/places", Map.of("name", marker, "category", "x", "lat", 100, "lon", 0)), "lat");
        assertProblem(postJson("/api/geo/places", Map.of("category", "x", "lat", 1, "lon", 0)), "name");
        // one bad row (the third) in a CSV import: nothing of it is imported
        assertProblem(
                post(
                        "/api/geo/places:bulk",
                        "text/csv",
                        "name,category,lat,lon\n" + marker + ",a,1,1\n" + marker + ",a,2,2\n" + marker + ",a,x,3\n"),
                "row 4.lat");
        assertProblem(
                post(
                        "/api/geo/places:bulk",
                        "application/geo+json",
                        json.writeValueAsString(Map.of(
                                "type",
                                "FeatureCollection",
                                "features",
                                List.of(feature(marker, 1, 1), feature(marker, 500, 1))))),
                "features[1].geometry.coordinates.lon");
        assertProblem(
                post("/api/geo/places:bulk", "application/geo+json", "{\"type\":\"FeatureCollection\"}"), "features");

        assertThat(placeCount()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM places WHERE name = ?")
                        .param(marker)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void acceptsNoPingFromABadRequest() {
        String driver = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        String path = "/api/geo/drivers/" + driver + "/locations";

        assertProblem(postJson(path, Map.of("lat", 91, "lon", 0, "recordedAt", now)), "lat");
        assertProblem(postJson(path, Map.of("lat", 1, "lon", 0)), "recordedAt");
        assertProblem(postJson(path, Map.of("lat", 1, "lon", 0, "recordedAt", now.plusSeconds(3_600))), "future");
        // a batch with one bad ping is refused whole
        assertProblem(
                postJson(
                        path + ":batch",
                        List.of(
                                Map.of("lat", 1, "lon", 1, "recordedAt", now.minusSeconds(2)),
                                Map.of("lat", 1, "lon", 999, "recordedAt", now.minusSeconds(1)))),
                "[1].lon");

        // then a good ping after them is the only one stored: had any bad one been sent, it would be ahead of it
        // on the driver's partition and stored first
        assertThat(postJson(path, Map.of("lat", 1, "lon", 1, "recordedAt", now)).statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> read(get(path)).get("pings").size() >= 1);
        JsonNode pings = read(get(path)).get("pings");
        assertThat(pings).hasSize(1);
        assertThat(pings.get(0).get("lon").asDouble()).isEqualTo(1.0);
    }

    private static Map<String, Object> feature(String name, double lon, double lat) {
        return Map.of(
                "type", "Feature",
                "geometry", Map.of("type", "Point", "coordinates", List.of(lon, lat)),
                "properties", Map.of("name", name, "category", "a"));
    }

    private long placeCount() {
        return jdbc.sql("SELECT count(*) FROM places").query(Long.class).single();
    }

    private void assertProblem(HttpResponse<String> response, String named) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).contains("application/problem+json"));
        JsonNode problem = read(response);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).contains(named);
    }
}
