package dev.syspatterns.geo.places;

import dev.syspatterns.geo.coordinates.LatLon;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The proximity queries, in SQL because they are the point: each states the PostGIS operator and index it
 * relies on. The origin is written inline (not in a CTE) so the planner sees a constant and can walk the GiST
 * index in distance order.
 */
@Component
class PlaceSearch {

    private static final String ORIGIN = "ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography";

    /**
     * Nearest first by KNN: {@code ORDER BY location <-> origin LIMIT n} walks the geography GiST index in
     * distance order and stops after n rows, however many places there are. The radius is applied to those n
     * afterwards rather than as {@code ST_DWithin} in the same WHERE: with both, the planner often trades the
     * KNN walk for "collect everything within the radius, then sort", which degrades with dense areas and
     * large radii. {@code false} asks for distances on the sphere, the model {@code <->} uses too, so the
     * order and the reported distances agree.
     */
    static final String NEARBY = "SELECT * FROM (SELECT id, name, category, ST_Y(location::geometry) AS lat,"
            + " ST_X(location::geometry) AS lon, ST_Distance(location, " + ORIGIN + ", false) AS distance_meters"
            + " FROM places %s ORDER BY location <-> " + ORIGIN + " LIMIT :limit) AS nearest"
            + " WHERE distance_meters <= :radius ORDER BY distance_meters";

    /**
     * Inside the planar lon/lat box, edges included. {@code &&} finds the candidates through the index, but it
     * compares boxes stored as single-precision floats rounded outwards, so it also lets in points up to some
     * centimetres outside (and so does {@code ST_Intersects}, which takes the same boxes as a shortcut when one side
     * is a rectangle); the coordinates are then compared exactly.
     */
    static final String WITHIN_BOX = "SELECT id, name, category, ST_Y(location::geometry) AS lat,"
            + " ST_X(location::geometry) AS lon, NULL::float8 AS distance_meters FROM places"
            + " WHERE location::geometry && ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326)"
            + " AND ST_X(location::geometry) BETWEEN :minLon AND :maxLon"
            + " AND ST_Y(location::geometry) BETWEEN :minLat AND :maxLat"
            + " %s ORDER BY id LIMIT :limit";

    static final String WITHIN_POLYGON = "SELECT id, name, category, ST_Y(location::geometry) AS lat,"
            + " ST_X(location::geometry) AS lon, NULL::float8 AS distance_meters FROM places"
            + " WHERE ST_Intersects(location::geometry, ST_GeomFromText(:wkt, 4326))"
            + " %s ORDER BY id LIMIT :limit";

    private static final String DISTANCE = "SELECT ST_Distance(ST_SetSRID(ST_MakePoint(:fromLon, :fromLat), 4326)"
            + "::geography, ST_SetSRID(ST_MakePoint(:toLon, :toLat), 4326)::geography, false)";

    private final JdbcClient jdbc;

    PlaceSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<PlaceView> nearby(LatLon origin, double radiusMeters, int limit, String category) {
        return jdbc.sql(NEARBY.formatted(category == null ? "" : "WHERE category = :category"))
                .param("lat", origin.lat())
                .param("lon", origin.lon())
                .param("radius", radiusMeters)
                .param("limit", limit)
                .params(categoryParam(category))
                .query(PlaceView.class)
                .list();
    }

    List<PlaceView> withinBox(BoundingBox box, int limit, String category) {
        return jdbc.sql(withCategory(WITHIN_BOX, category))
                .param("minLon", box.minLon())
                .param("minLat", box.minLat())
                .param("maxLon", box.maxLon())
                .param("maxLat", box.maxLat())
                .param("limit", limit)
                .params(categoryParam(category))
                .query(PlaceView.class)
                .list();
    }

    List<PlaceView> withinPolygon(String wkt, int limit, String category) {
        return jdbc.sql(withCategory(WITHIN_POLYGON, category))
                .param("wkt", wkt)
                .param("limit", limit)
                .params(categoryParam(category))
                .query(PlaceView.class)
                .list();
    }

    double distanceMeters(LatLon from, LatLon to) {
        return jdbc.sql(DISTANCE)
                .param("fromLat", from.lat())
                .param("fromLon", from.lon())
                .param("toLat", to.lat())
                .param("toLon", to.lon())
                .query(Double.class)
                .single();
    }

    /** Two statements rather than {@code (:category IS NULL OR ...)}, which can cost the index its plan. */
    private static String withCategory(String sql, String category) {
        return sql.formatted(category == null ? "" : "AND category = :category");
    }

    private static Map<String, Object> categoryParam(String category) {
        return category == null ? Map.of() : Map.of("category", category);
    }
}
