package dev.syspatterns.geo.pings;

import java.time.Instant;
import java.util.List;

/** A driver's stored pings, and the shard they came from (the ring decides it; shown so it can be checked). */
record DriverHistory(String driverId, String shard, List<Position> pings) {

    record Position(double lat, double lon, Instant recordedAt) {}
}
