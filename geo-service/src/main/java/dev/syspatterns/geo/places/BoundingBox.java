package dev.syspatterns.geo.places;

import dev.syspatterns.geo.coordinates.InvalidGeoInput;
import dev.syspatterns.geo.coordinates.LatLon;

/** {@code bbox=minLon,minLat,maxLon,maxLat}, the order GeoJSON and most map libraries use. */
record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {

    static BoundingBox parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidGeoInput("bbox is required, as minLon,minLat,maxLon,maxLat");
        }
        String[] parts = text.split(",", -1);
        if (parts.length != 4) {
            throw new InvalidGeoInput("bbox must be minLon,minLat,maxLon,maxLat but was '" + text + "'");
        }
        LatLon min = LatLon.of(
                LatLon.number(parts[1], "bbox.minLat"),
                LatLon.number(parts[0], "bbox.minLon"),
                "bbox.minLat",
                "bbox.minLon");
        LatLon max = LatLon.of(
                LatLon.number(parts[3], "bbox.maxLat"),
                LatLon.number(parts[2], "bbox.maxLon"),
                "bbox.maxLat",
                "bbox.maxLon");
        if (min.lat() > max.lat()) {
            throw new InvalidGeoInput("bbox minLat " + min.lat() + " is above maxLat " + max.lat());
        }
        if (min.lon() > max.lon()) {
            // A box across the antimeridian: callers split it in two rather than get a silently wrong answer.
            throw new InvalidGeoInput("bbox minLon " + min.lon() + " is east of maxLon " + max.lon()
                    + "; split a box that crosses the antimeridian into two");
        }
        return new BoundingBox(min.lon(), min.lat(), max.lon(), max.lat());
    }
}
