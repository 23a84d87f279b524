package dev.syspatterns.geo.places;

import dev.syspatterns.geo.coordinates.InvalidGeoInput;
import dev.syspatterns.geo.coordinates.LatLon;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.operation.valid.IsValidOp;
import tools.jackson.databind.JsonNode;

/**
 * Reads a GeoJSON Polygon (RFC 7946) and checks it fully before it reaches SQL: every position in range,
 * rings closed with at least four positions, and a valid shape (no self-intersection), each failure named.
 */
final class GeoJsonPolygon {

    private static final GeometryFactory WGS84 = new GeometryFactory();

    private GeoJsonPolygon() {}

    /** The polygon as WKT, for {@code ST_GeomFromText(wkt, 4326)}. */
    static String toWkt(JsonNode geoJson) {
        if (geoJson == null || !geoJson.isObject()) {
            throw new InvalidGeoInput("body must be a GeoJSON Polygon object");
        }
        JsonNode body = geoJson.has("geometry") ? geoJson.get("geometry") : geoJson;
        String type = body.path("type").asString("");
        if (!"Polygon".equals(type)) {
            throw new InvalidGeoInput("type must be 'Polygon' but was '" + type + "'");
        }
        JsonNode rings = body.get("coordinates");
        if (rings == null || !rings.isArray() || rings.isEmpty()) {
            throw new InvalidGeoInput("coordinates must be an array of linear rings");
        }
        LinearRing shell = ring(rings.get(0), "coordinates[0]");
        List<LinearRing> holes = new ArrayList<>();
        for (int i = 1; i < rings.size(); i++) {
            holes.add(ring(rings.get(i), "coordinates[" + i + "]"));
        }
        Polygon polygon = WGS84.createPolygon(shell, holes.toArray(LinearRing[]::new));
        IsValidOp validity = new IsValidOp(polygon);
        if (!validity.isValid()) {
            throw new InvalidGeoInput("polygon is not valid: " + validity.getValidationError());
        }
        return new WKTWriter().write(polygon);
    }

    private static LinearRing ring(JsonNode positions, String where) {
        if (positions == null || !positions.isArray() || positions.size() < 4) {
            throw new InvalidGeoInput(where + " must be an array of at least 4 [lon, lat] positions");
        }
        Coordinate[] coordinates = new Coordinate[positions.size()];
        for (int i = 0; i < positions.size(); i++) {
            LatLon point = position(positions.get(i), where + "[" + i + "]");
            coordinates[i] = new Coordinate(point.lon(), point.lat());
        }
        if (!coordinates[0].equals2D(coordinates[coordinates.length - 1])) {
            throw new InvalidGeoInput(where + " is not closed: its first and last positions differ");
        }
        return WGS84.createLinearRing(coordinates);
    }

    /** A GeoJSON position, {@code [lon, lat]} (longitude first), optionally with an altitude we ignore. */
    static LatLon position(JsonNode position, String where) {
        if (position == null
                || !position.isArray()
                || position.size() < 2
                || !position.get(0).isNumber()
                || !position.get(1).isNumber()) {
            throw new InvalidGeoInput(where + " must be a [lon, lat] position of two numbers");
        }
        return LatLon.of(position.get(1).doubleValue(), position.get(0).doubleValue(), where + ".lat", where + ".lon");
    }
}
