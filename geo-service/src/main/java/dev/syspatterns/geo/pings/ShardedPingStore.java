package dev.syspatterns.geo.pings;

import dev.syspatterns.geo.batching.UnnestInsert;
import dev.syspatterns.geo.sharding.Shard;
import dev.syspatterns.geo.sharding.Shards;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Writes and reads pings on the shard the ring picks for each driver. A batch becomes one statement per
 * shard ({@link UnnestInsert}), with {@code ON CONFLICT DO NOTHING} on (driver, recordedAt)
 * so a redelivered batch, or a ping a phone sent twice, leaves exactly one row.
 */
@Component
class ShardedPingStore {

    private static final String UPSERT = "INSERT INTO location_pings (driver_id, recorded_at, location)"
            + " SELECT d, r::timestamptz, ST_SetSRID(ST_MakePoint(lo, la), 4326)::geography"
            + " FROM unnest(?::text[], ?::text[], ?::float8[], ?::float8[]) AS t(d, r, la, lo)"
            + " ON CONFLICT (driver_id, recorded_at) DO NOTHING";

    private static final String HISTORY = "SELECT ST_Y(location::geometry) AS lat, ST_X(location::geometry) AS lon,"
            + " recorded_at FROM location_pings WHERE driver_id = ? ORDER BY recorded_at DESC LIMIT ?";

    private final Shards shards;

    ShardedPingStore(Shards shards) {
        this.shards = shards;
    }

    Map<Shard, List<LocationPing>> byShard(List<LocationPing> pings) {
        Map<Shard, List<LocationPing>> groups = new LinkedHashMap<>();
        for (LocationPing ping : pings) {
            groups.computeIfAbsent(shards.shardFor(ping.driverId()), s -> new ArrayList<>())
                    .add(ping);
        }
        return groups;
    }

    /** Returns how many rows were new; the rest were already there (duplicates or a redelivery). */
    int insert(Shard shard, List<LocationPing> pings) {
        int n = pings.size();
        String[] drivers = new String[n];
        String[] recordedAt = new String[n];
        Double[] lats = new Double[n];
        Double[] lons = new Double[n];
        for (int i = 0; i < n; i++) {
            LocationPing p = pings.get(i);
            drivers[i] = p.driverId();
            // ISO-8601 with zone, parsed by PostgreSQL: no JVM time-zone conversion in between.
            recordedAt[i] = p.recordedAt().toString();
            lats[i] = p.lat();
            lons[i] = p.lon();
        }
        return UnnestInsert.execute(
                shard.jdbc(),
                UPSERT,
                new UnnestInsert.Column("text", drivers),
                new UnnestInsert.Column("text", recordedAt),
                new UnnestInsert.Column("float8", lats),
                new UnnestInsert.Column("float8", lons));
    }

    DriverHistory history(String driverId, int limit) {
        Shard shard = shards.shardFor(driverId);
        List<DriverHistory.Position> pings = shard.jdbc()
                .query(
                        HISTORY,
                        (rs, i) -> new DriverHistory.Position(
                                rs.getDouble("lat"),
                                rs.getDouble("lon"),
                                rs.getObject("recorded_at", OffsetDateTime.class)
                                        .toInstant()),
                        driverId,
                        limit);
        return new DriverHistory(driverId, shard.name(), pings);
    }
}
