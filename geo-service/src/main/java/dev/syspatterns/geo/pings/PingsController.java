package dev.syspatterns.geo.pings;

import dev.syspatterns.geo.GeoProperties;
import dev.syspatterns.geo.coordinates.InvalidGeoInput;
import dev.syspatterns.geo.coordinates.LatLon;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class PingsController {

    private static final Pattern DRIVER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_HISTORY = 1_000;

    private final PingPublisher publisher;
    private final ShardedPingStore store;
    private final GeoProperties.Pings config;
    private final Clock clock = Clock.systemUTC();

    PingsController(PingPublisher publisher, ShardedPingStore store, GeoProperties properties) {
        this.publisher = publisher;
        this.store = store;
        this.config = properties.pings();
    }

    @PostMapping("/api/geo/drivers/{driverId}/locations")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> ping(@PathVariable String driverId, @Valid @RequestBody PingRequest request) {
        publisher.publish(List.of(checked(driverId, request, "body")));
        return Map.of("accepted", 1);
    }

    /** Pings a phone buffered (e.g. while offline), sent at once; all are checked before any is accepted. */
    @PostMapping("/api/geo/drivers/{driverId}/locations:batch")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, Object> pings(@PathVariable String driverId, @RequestBody List<@Valid PingRequest> requests) {
        if (requests.isEmpty() || requests.size() > config.maxBatch()) {
            throw new InvalidGeoInput(
                    "a batch holds 1.." + config.maxBatch() + " pings but this one holds " + requests.size());
        }
        List<LocationPing> pings = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            pings.add(checked(driverId, requests.get(i), "[" + i + "]"));
        }
        publisher.publish(pings);
        return Map.of("accepted", pings.size());
    }

    /** A driver's history, newest first, read from the one shard that holds it. */
    @GetMapping("/api/geo/drivers/{driverId}/locations")
    DriverHistory history(@PathVariable String driverId, @RequestParam(defaultValue = "100") int limit) {
        requireDriverId(driverId);
        if (limit < 1 || limit > MAX_HISTORY) {
            throw new InvalidGeoInput("limit must be 1.." + MAX_HISTORY + " but was " + limit);
        }
        return store.history(driverId, limit);
    }

    private LocationPing checked(String driverId, PingRequest request, String where) {
        requireDriverId(driverId);
        if (request == null || request.lat() == null || request.lon() == null || request.recordedAt() == null) {
            throw new InvalidGeoInput(where + " needs lat, lon and recordedAt");
        }
        LatLon position = LatLon.of(request.lat(), request.lon(), where + ".lat", where + ".lon");
        Instant latest = clock.instant().plus(config.maxClockSkew());
        if (request.recordedAt().isAfter(latest)) {
            throw new InvalidGeoInput(where + ".recordedAt " + request.recordedAt() + " is in the future");
        }
        // PostgreSQL keeps microseconds: truncate here so a ping and its retry compare equal everywhere.
        Instant recordedAt = request.recordedAt().truncatedTo(ChronoUnit.MICROS);
        return new LocationPing(driverId, position.lat(), position.lon(), recordedAt);
    }

    private static void requireDriverId(String driverId) {
        if (!DRIVER_ID.matcher(driverId).matches()) {
            throw new InvalidGeoInput("driverId must be 1..64 letters, digits, '-' or '_' but was '" + driverId + "'");
        }
    }
}
