package dev.syspatterns.geo.pings;

import java.time.Instant;

/** One position report of a driver, as it travels on the pings topic (JSON, keyed by driver id). */
public record LocationPing(String driverId, double lat, double lon, Instant recordedAt) {}
