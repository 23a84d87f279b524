package dev.syspatterns.geo.live;

import dev.syspatterns.geo.GeoProperties;
import dev.syspatterns.geo.coordinates.InvalidGeoInput;
import dev.syspatterns.geo.coordinates.LatLon;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NearbyDriversController {

    private final DriverPositions positions;
    private final GeoProperties.Places limits;

    NearbyDriversController(DriverPositions positions, GeoProperties properties) {
        this.positions = positions;
        this.limits = properties.places();
    }

    @GetMapping("/api/geo/drivers/nearby")
    List<NearbyDriver> nearby(
            @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lon,
            @RequestParam(required = false) Double radiusMeters,
            @RequestParam(required = false) Integer limit) {
        LatLon origin = LatLon.of(lat, lon);
        if (Math.abs(origin.lat()) > DriverPositions.MAX_GEO_LAT) {
            throw new InvalidGeoInput("lat must be within -85.05..85.05 for the live driver index but was " + lat);
        }
        return positions.nearby(
                origin.lat(),
                origin.lon(),
                limits.radius(radiusMeters),
                limits.limit(limit, limits.defaultLimit(), limits.maxLimit()));
    }
}
