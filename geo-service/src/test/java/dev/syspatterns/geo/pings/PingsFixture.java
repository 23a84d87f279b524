package dev.syspatterns.geo.pings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.geo.TestShards;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** One stored row's identity: the primary key (driver, recordedAt). */
    record StoredPing(String driverId, Instant recordedAt) {}

    /** The identity of a ping as sent (its recordedAt is what {@link #ping} put in the body). */
    static StoredPing sent(String driverId, Map<String, Object> ping) {
        return new StoredPing(driverId, (Instant) ping.get("recordedAt"));
    }

    /**
     * The shards hold exactly the pings sent, each once: none lost, and no row that was never sent (which is what
     * a redelivered ping would become if its identity were wrong, e.g. a server-side time). Sets, not AssertJ's
     * any-order list comparison, which is quadratic in 20,000 rows.
     */
    void assertStoredExactly(List<StoredPing> sent) {
        List<StoredPing> stored = storedPings();
        Set<StoredPing> missing = new HashSet<>(sent);
        stored.forEach(missing::remove);
        Set<StoredPing> unexpected = new HashSet<>(stored);
        sent.forEach(unexpected::remove);
        assertThat(missing).as("sent but not stored").isEmpty();
        assertThat(unexpected).as("stored but never sent").isEmpty();
        assertThat(stored).as("rows").hasSameSizeAs(sent);
    }

    /** Every row of this run's drivers, on all shards. */
    List<StoredPing> storedPings() {
        List<StoredPing> rows = new ArrayList<>();
        for (JdbcTemplate shard : shards) {
            rows.addAll(shard.query(
                    "SELECT driver_id, recorded_at FROM location_pings WHERE driver_id LIKE ?",
                    (rs, n) -> new StoredPing(
                            rs.getString(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant()),
                    prefix() + "%"));
        }
        return rows;
    }
}
