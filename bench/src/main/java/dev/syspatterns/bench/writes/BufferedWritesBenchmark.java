package dev.syspatterns.bench.writes;

import dev.syspatterns.bench.Benchmark;
import dev.syspatterns.bench.Http;
import dev.syspatterns.bench.Load;
import dev.syspatterns.bench.Measurement;
import dev.syspatterns.bench.Platform;
import dev.syspatterns.bench.Result;
import dev.syspatterns.bench.Scale;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Scaling writes end to end: location pings accepted by geo-service (202 once Kafka holds them, stored later in
 * sharded batches) against the same pings inserted synchronously row by row. The baseline inserts straight
 * into PostgreSQL from the harness, without HTTP or a service in between, so it is favoured: what it shows is
 * the price of each hop. One ping per request pays an HTTP call and a Kafka acknowledgement (acks=all) for
 * every ping; the batch form (what phones do: a few seconds of pings per request) spreads both. The point of
 * the buffer is not a faster single request but a database that is never on the request path: writes are
 * batched behind it, and a slow or stopped database delays storage instead of refusing pings. After each
 * buffered run, the benchmark waits until every ping is stored and checks each driver's history.
 */
public final class BufferedWritesBenchmark implements Benchmark {

    /** geo-service's shard databases ({@code geo_shard_0..3}, as ./platform creates them). */
    private static final int SHARDS = 4;

    @Override
    public String name() {
        return "writes";
    }

    @Override
    public String question() {
        return "How many pings per second are accepted when writes are buffered in Kafka and batched into shards, "
                + "against synchronous row-by-row inserts, and how long from a ping's send until it is stored?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        int pings = scale.pick(400, 20_000);
        int drivers = scale.pick(20, 500);
        int clients = scale.pick(4, 16);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.now().minusSeconds(60);

        Measurement sync = synchronousRowByRow(platform, pings, drivers, clients, base);

        Http http = new Http();
        URI geo = platform.service("geo");
        Map<String, Integer> expected = new java.util.HashMap<>();
        String single = run + "-s";
        for (int i = 0; i < pings; i++) {
            expected.merge("bench-" + single + "-" + (i % drivers), 1, Integer::sum);
        }
        long[] sentAtMicros = new long[pings];
        Measurement buffered =
                Load.measure("Kafka-buffered, one ping per request", pings, clients, Duration.ofMinutes(5), i -> {
                    String driver = "bench-" + single + "-" + (i % drivers);
                    sentAtMicros[i] = epochMicros(Instant.now());
                    Http.expect(
                            202,
                            http.postJson(geo.resolve("/api/geo/drivers/" + driver + "/locations"), ping(base, i)));
                });
        long drainStart = System.nanoTime();
        awaitStored(http, geo, expected, Duration.ofMinutes(scale.pick(1, 5)));
        long drainedMillis = (System.nanoTime() - drainStart) / 1_000_000;
        Histogram sentToStored = sentToStored(platform, "bench-" + single + "-", base, sentAtMicros);

        // Phones buffer pings too: the batch form carries a few seconds of one driver's pings per request.
        int perRequest = 50;
        int requests = pings / perRequest;
        String batched = run + "-b";
        Map<String, Integer> expectedBatched = new java.util.HashMap<>();
        for (int r = 0; r < requests; r++) {
            expectedBatched.merge("bench-" + batched + "-" + (r % drivers), perRequest, Integer::sum);
        }
        Measurement perBatch = Load.measure(
                "Kafka-buffered, " + perRequest + " pings per request", requests, clients, Duration.ofMinutes(5), r -> {
                    String driver = "bench-" + batched + "-" + (r % drivers);
                    List<Map<String, Object>> body = new ArrayList<>(perRequest);
                    for (int i = r * perRequest; i < (r + 1) * perRequest; i++) {
                        body.add(ping(base, i));
                    }
                    Http.expect(
                            202, http.postJson(geo.resolve("/api/geo/drivers/" + driver + "/locations:batch"), body));
                });
        long batchDrainStart = System.nanoTime();
        awaitStored(http, geo, expectedBatched, Duration.ofMinutes(scale.pick(1, 5)));
        long batchDrainedMillis = (System.nanoTime() - batchDrainStart) / 1_000_000;
        Measurement clientBatched = new Measurement(
                perBatch.variant(),
                (long) requests * perRequest,
                perBatch.seconds(),
                perBatch.latencyMicros(),
                Map.of("latency per request of", perRequest + " pings"));

        List<String> checks = new ArrayList<>();
        checks.add("the synchronous baseline stored all " + pings + " pings");
        checks.add("sent -> stored: each of the " + pings + " single pings' row, found in the shards, timed by its "
                + "stored_at (the batch transaction's start) against when the harness sent it");
        checks.add("every buffered ping (" + pings + " single, " + requests * perRequest
                + " in batches) was stored exactly once, in its driver's history");
        return new Result(
                name(),
                question(),
                scale,
                List.of(
                        sync,
                        buffered.withNote("all stored ms after the last 202", drainedMillis)
                                .withNote(
                                        "ping sent -> row stored, p50 / p99 ms",
                                        String.format(
                                                Locale.ROOT,
                                                "%.1f / %.1f",
                                                sentToStored.getValueAtPercentile(50) / 1000.0,
                                                sentToStored.getValueAtPercentile(99) / 1000.0)),
                        clientBatched.withNote("all stored ms after the last 202", batchDrainedMillis)),
                checks);
    }

    private static Map<String, Object> ping(Instant base, int i) {
        return Map.of(
                "lat",
                52.5 + (i % 100) * 1e-4,
                "lon",
                13.4 + (i % 100) * 1e-4,
                "recordedAt",
                base.plusMillis(i).toString());
    }

    private static Measurement synchronousRowByRow(Platform platform, int pings, int drivers, int clients, Instant base)
            throws SQLException {
        try (Connection setup = platform.scratchDatabase("bench_writes");
                Statement st = setup.createStatement()) {
            st.execute(
                    "CREATE TABLE IF NOT EXISTS pings_sync (driver_id text NOT NULL, recorded_at timestamptz NOT NULL, "
                            + "lat double precision NOT NULL, lon double precision NOT NULL, PRIMARY KEY (driver_id, recorded_at))");
            st.execute("TRUNCATE pings_sync");
        }
        Map<Thread, Connection> connections = new ConcurrentHashMap<>();
        try {
            Measurement m = Load.measure("synchronous row by row", pings, clients, Duration.ofMinutes(5), i -> {
                Connection c = connections.computeIfAbsent(Thread.currentThread(), t -> open(platform));
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO pings_sync (driver_id, recorded_at, lat, lon) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, "driver-" + (i % drivers));
                    ps.setTimestamp(2, Timestamp.from(base.plusMillis(i)));
                    ps.setDouble(3, 52.5);
                    ps.setDouble(4, 13.4);
                    ps.executeUpdate();
                }
            });
            try (Connection c = platform.scratchDatabase("bench_writes");
                    var rs = c.createStatement().executeQuery("SELECT count(*) FROM pings_sync")) {
                rs.next();
                if (rs.getLong(1) != pings) {
                    throw new IllegalStateException(
                            "the synchronous baseline stored " + rs.getLong(1) + " of " + pings);
                }
            }
            return m;
        } finally {
            for (Connection c : connections.values()) {
                c.close();
            }
        }
    }

    private static Connection open(Platform platform) {
        try {
            return platform.scratchDatabase("bench_writes");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls each driver's history until it holds exactly the pings sent to it. */
    /**
     * Each ping's time from being sent to its row being stored: the row's {@code stored_at} (the database's clock,
     * the start of the batch's transaction) minus when the harness sent it (same machine, same clock). Ping
     * {@code i} is the one recorded at {@code base + i ms}.
     */
    private static Histogram sentToStored(Platform platform, String driverPrefix, Instant base, long[] sentAtMicros)
            throws SQLException {
        Histogram latency = new Histogram(3);
        for (int shard = 0; shard < SHARDS; shard++) {
            try (Connection db = platform.serviceDatabase("geo_shard_" + shard);
                    PreparedStatement ps = db.prepareStatement(
                            "SELECT recorded_at, stored_at FROM location_pings WHERE driver_id LIKE ?")) {
                ps.setString(1, driverPrefix + "%");
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int i = (int) Duration.between(base, rs.getTimestamp(1).toInstant())
                                .toMillis();
                        long stored = epochMicros(rs.getTimestamp(2).toInstant());
                        latency.recordValue(Math.max(1, stored - sentAtMicros[i]));
                    }
                }
            }
        }
        if (latency.getTotalCount() != sentAtMicros.length) {
            throw new IllegalStateException(
                    "the shards hold " + latency.getTotalCount() + " of the " + sentAtMicros.length + " pings sent");
        }
        return latency;
    }

    private static long epochMicros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    private static void awaitStored(Http http, URI geo, Map<String, Integer> expected, Duration limit)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (var driver : expected.entrySet()) {
            URI history = geo.resolve("/api/geo/drivers/" + driver.getKey() + "/locations?limit=1000");
            while (true) {
                int stored = Http.json(Http.expect(200, http.get(history)))
                        .get("pings")
                        .size();
                if (stored == driver.getValue()) {
                    break;
                }
                if (stored > driver.getValue()) {
                    throw new IllegalStateException(
                            driver.getKey() + " has " + stored + " pings stored, sent " + driver.getValue());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(driver.getKey() + ": " + stored + " of " + driver.getValue()
                            + " pings stored after " + limit);
                }
                Thread.sleep(50);
            }
        }
    }
}
