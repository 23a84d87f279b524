package dev.syspatterns.geo.pings;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * A ping as a driver's app posts it. {@code recordedAt} is required: it is the ping's identity with the driver
 * id, which is what lets a retried request be stored once.
 */
record PingRequest(
        @NotNull Double lat, @NotNull Double lon, @NotNull Instant recordedAt) {}
