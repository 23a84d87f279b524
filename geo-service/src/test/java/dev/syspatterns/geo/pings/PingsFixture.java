package dev.syspatterns.geo.pings;

import dev.syspatterns.geo.TestShards;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Driver ids unique to one test run, and what the shard databases hold for them, read directly. */
final class PingsFixture {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<JdbcTemplate> shards = new ArrayList<>();

    PingsFixture() {
        for (int i = 0; i < TestShards.COUNT; i++) {
            shards.add(TestShards.direct(i));
        }
    }

    String driver(String name) {
        return "t" + run + "-" + name;
    }

    String prefix() {
        return "t" + run + "-";
    }

    /** A ping body; the time is a whole microsecond so what comes back compares equal. */
    static Map<String, Object> ping(double lat, double lon, Instant recordedAt) {
        return Map.of("lat", lat, "lon", lon, "recordedAt", recordedAt.truncatedTo(ChronoUnit.MICROS));
    }

    /** Rows per driver of this run, per shard index: {shard -> {driver -> rows}}. */
    Map<Integer, Map<String, Long>> storedByShard() {
        Map<Integer, Map<String, Long>> result = new HashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            Map<String, Long> rows = new HashMap<>();
            shards.get(i)
                    .query(
                            "SELECT driver_id, count(*) FROM location_pings WHERE driver_id LIKE ? GROUP BY driver_id",
                            rs -> {
                                rows.put(rs.getString(1), rs.getLong(2));
                            },
                            prefix() + "%");
            result.put(i, rows);
        }
        return result;
    }

    long storedTotal() {
        return storedByShard().values().stream()
                .flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Rows with the same driver and time: the unique key forbids them, this checks it holds. */
    long duplicateRows() {
        long duplicates = 0;
        for (JdbcTemplate shard : shards) {
            Long n = shard.queryForObject(
                    "SELECT count(*) - count(DISTINCT (driver_id, recorded_at)) FROM location_pings"
                            + " WHERE driver_id LIKE ?",
                    Long.class,
                    prefix() + "%");
            duplicates += n == null ? 0 : n;
        }
        return duplicates;
    }
}
