package dev.syspatterns.events;

import java.time.Instant;

/** A driver's position ping, as accepted by geo-service (before it is stored). */
public record DriverLocated(String channel, String driverId, double lat, double lon, Instant recordedAt)
        implements ChannelEvent {

    public static DriverLocated of(String driverId, double lat, double lon, Instant recordedAt) {
        return new DriverLocated("driver." + driverId, driverId, lat, lon, recordedAt);
    }
}
