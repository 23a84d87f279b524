package dev.syspatterns.geo.live;

import java.time.Instant;

/** A driver near the asked point, at the latest position the live index holds. */
record NearbyDriver(String driverId, double lat, double lon, double distanceMeters, Instant recordedAt) {}
