package dev.syspatterns.bench.writes;

import dev.syspatterns.bench.Benchmark;
import dev.syspatterns.bench.Load;
import dev.syspatterns.bench.Measurement;
import dev.syspatterns.bench.Platform;
import dev.syspatterns.bench.Result;
import dev.syspatterns.bench.Scale;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The database half of "scaling writes": the same location pings written row by row (one transaction each)
 * and in batches of growing size (one transaction and one round trip per batch), with the upsert geo-service
 * uses so a redelivered batch stores nothing twice.
 */
public final class WriteBatchingBenchmark implements Benchmark {

    private static final String UPSERT = "INSERT INTO pings (driver_id, recorded_at, lat, lon) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (driver_id, recorded_at) DO NOTHING";

    @Override
    public String name() {
        return "batching";
    }

    @Override
    public String question() {
        return "How many more pings per second does PostgreSQL store when writes are batched instead of row by row?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        int rows = scale.pick(2_000, 100_000);
        List<Measurement> measurements = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        try (Connection db = platform.scratchDatabase("bench_writes")) {
            try (Statement st = db.createStatement()) {
                st.execute(
                        "CREATE TABLE IF NOT EXISTS pings (driver_id text NOT NULL, recorded_at timestamptz NOT NULL, "
                                + "lat double precision NOT NULL, lon double precision NOT NULL, PRIMARY KEY (driver_id, recorded_at))");
            }
            for (int batch : new int[] {1, 10, 100, 1000}) {
                truncate(db);
                Measurement m = write(db, rows, batch);
                long stored = count(db);
                if (stored != rows) {
                    throw new IllegalStateException("batch " + batch + " stored " + stored + " of " + rows + " pings");
                }
                // the same batch again, as a redelivery would: the upsert keeps every ping once
                write(db, Math.min(rows, Math.max(batch, 100)), batch);
                if (count(db) != rows) {
                    throw new IllegalStateException("batch " + batch + ": a redelivered batch was stored twice");
                }
                measurements.add(m);
            }
            checks.add("each variant stored exactly " + rows + " pings, and a redelivered batch added none");
            truncate(db);
        }
        return new Result(name(), question(), scale, measurements, checks);
    }

    private static Measurement write(Connection db, int rows, int batch) throws SQLException {
        db.setAutoCommit(false);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        int flushes = (rows + batch - 1) / batch;
        Measurement perFlush = Load.measure(
                batch == 1 ? "row by row (1 per transaction)" : "batches of " + batch,
                flushes,
                1,
                Duration.ofMinutes(5),
                f -> {
                    try (PreparedStatement ps = db.prepareStatement(UPSERT)) {
                        for (int r = f * batch; r < Math.min(rows, (f + 1) * batch); r++) {
                            ps.setString(1, "driver-" + (r % 500));
                            ps.setTimestamp(2, Timestamp.from(t0.plusMillis(r)));
                            ps.setDouble(3, 52.5 + (r % 100) * 1e-4);
                            ps.setDouble(4, 13.4 + (r % 100) * 1e-4);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    db.commit();
                });
        db.setAutoCommit(true);
        // throughput in pings, latency per flush
        return new Measurement(
                perFlush.variant(),
                rows,
                perFlush.seconds(),
                perFlush.latencyMicros(),
                Map.of("rows per flush", String.valueOf(batch)));
    }

    private static void truncate(Connection db) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("TRUNCATE pings");
        }
    }

    private static long count(Connection db) throws SQLException {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pings")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
