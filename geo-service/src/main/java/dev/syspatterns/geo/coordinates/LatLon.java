package dev.syspatterns.geo.coordinates;

/** A point on the earth in WGS 84 degrees, checked on the way in so nothing downstream sees a bad one. */
public record LatLon(double lat, double lon) {

    public LatLon {
        requireInRange("lat", lat, 90);
        requireInRange("lon", lon, 180);
    }

    /** Both values named as the caller knows them, e.g. {@code "from"} in {@code from=lat,lon}. */
    public static LatLon of(Double lat, Double lon, String latName, String lonName) {
        if (lat == null) {
            throw new InvalidGeoInput(latName + " is required");
        }
        if (lon == null) {
            throw new InvalidGeoInput(lonName + " is required");
        }
        requireInRange(latName, lat, 90);
        requireInRange(lonName, lon, 180);
        return new LatLon(lat, lon);
    }

    public static LatLon of(Double lat, Double lon) {
        return of(lat, lon, "lat", "lon");
    }

    /** Parses {@code "lat,lon"}, as in {@code /distance?from=52.52,13.40}. */
    public static LatLon parse(String text, String name) {
        if (text == null || text.isBlank()) {
            throw new InvalidGeoInput(name + " is required, as lat,lon");
        }
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            throw new InvalidGeoInput(name + " must be lat,lon but was '" + text + "'");
        }
        return of(number(parts[0], name + ".lat"), number(parts[1], name + ".lon"), name + ".lat", name + ".lon");
    }

    public static double number(String text, String name) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidGeoInput(name + " must be a number but was '" + text.strip() + "'");
        }
    }

    private static void requireInRange(String name, double value, double bound) {
        if (!Double.isFinite(value) || value < -bound || value > bound) {
            throw new InvalidGeoInput(name + " must be a finite number within -" + (int) bound + ".." + (int) bound
                    + " but was " + value);
        }
    }
}
