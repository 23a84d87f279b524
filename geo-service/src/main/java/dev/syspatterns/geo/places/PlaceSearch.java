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
     * Nearest first by KNN ({@code <->} on the geography GiST index, which yields sphere distances); the radius
     * is an index condition too. {@code false} asks for distances on the sphere, the same model as KNN.
     */
    static final String NEARBY = "SELECT id, name, category, ST_Y(location::geometry) AS lat,"
            + " ST_X(location::geometry) AS lon, ST_Distance(location, " + ORIGIN + ", false) AS distance_meters"
            + " FROM places WHERE ST_DWithin(location, " + ORIGIN + ", :radius, false)"
            + " %s ORDER BY location <-> " + ORIGIN + " LIMIT :limit";

    /** {@code &&} on the planar lon/lat box: for points, exactly "inside the box, edges included". */
    static final String WITHIN_BOX = "SELECT id, name, category, ST_Y(location::geometry) AS lat,"
            + " ST_X(location::geometry) AS lon, NULL::float8 AS distance_meters FROM places"
            + " WHERE location::geometry && ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326)"
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
        return jdbc.sql(withCategory(NEARBY, category))
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
