package dev.syspatterns.bench.jobs;

import dev.syspatterns.bench.Benchmark;
import dev.syspatterns.bench.Http;
import dev.syspatterns.bench.Load;
import dev.syspatterns.bench.Measurement;
import dev.syspatterns.bench.Platform;
import dev.syspatterns.bench.Result;
import dev.syspatterns.bench.Scale;
import dev.syspatterns.bench.ServiceProcess;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * I/O-bound jobs ({@code demo.sleep}) through jobs-service's PostgreSQL queue ({@code FOR UPDATE SKIP LOCKED}
 * claims, leases): jobs per second as workers are added.
 *
 * <p>FULL starts its own jobs-service processes (from the service's jar, small heaps, free loopback ports),
 * one per worker count (1, 2, 4 worker loops), each on a scratch database of its own so no other worker (the
 * platform's own on 8082 included) can take its jobs. SMOKE cannot afford a JVM start, so it uses the
 * platform's jobs-service and compares one job in flight at a time with all at once on its worker pool.
 *
 * <p>Throughput is measured on the database's clock: jobs / (last finished - first created); latency per job
 * is created -> finished. Submit latency (the 202) is measured at the client. Correct means every job
 * SUCCEEDED on its first attempt and its side effect was applied exactly once.
 */
public final class JobThroughputBenchmark implements Benchmark {

    private static final List<Integer> WORKERS = List.of(1, 2, 4);

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public String question() {
        return "How many I/O-bound jobs per second does the PostgreSQL-backed queue complete with 1, 2 and 4 workers, "
                + "and how long does submitting one take?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        return scale == Scale.SMOKE ? smoke(scale, platform) : full(scale, platform);
    }

    private Result full(Scale scale, Platform platform) throws Exception {
        int jobs = 160;
        int sleepMs = 250;
        List<ServiceProcess> processes = new ArrayList<>();
        List<Measurement> measurements = new ArrayList<>();
        List<String> checks = new ArrayList<>();
        try {
            for (int workers : WORKERS) {
                String db = "bench_jobs_w" + workers;
                platform.dropScratchDatabase(db);
                platform.scratchDatabase(db).close();
                processes.add(ServiceProcess.start(
                        "jobs",
                        List.of(
                                "--spring.datasource.url=jdbc:postgresql://" + platform.host() + ":5432/" + db,
                                "--spring.datasource.hikari.maximum-pool-size=6",
                                "--platform.jobs.role=both",
                                "--platform.jobs.worker.concurrency=" + workers,
                                "--platform.jobs.worker.id=bench-w" + workers,
                                "--platform.jobs.media.intake-enabled=false")));
            }
            for (ServiceProcess p : processes) {
                p.awaitReady(Duration.ofMinutes(4));
            }
            for (int w = 0; w < WORKERS.size(); w++) {
                int workers = WORKERS.get(w);
                try (Connection db = platform.scratchDatabase("bench_jobs_w" + workers)) {
                    Http http = new Http();
                    URI api = processes.get(w).uri();
                    List<UUID> ids = new ArrayList<>();
                    Measurement submit = submitAll(http, api, jobs, sleepMs, 8, ids);
                    awaitFinished(db, ids, Duration.ofMinutes(3));
                    measurements.add(finished(db, ids, workers + (workers == 1 ? " worker" : " workers"), submit)
                            .withNote("worker loops used", workersUsed(db, ids)));
                    checks.add(workers + " worker(s): all " + jobs + " jobs SUCCEEDED on attempt 1, each side effect "
                            + "applied once");
                }
            }
        } finally {
            for (ServiceProcess p : processes) {
                p.close();
            }
        }
        checks.add("each worker count ran in its own jobs-service process on its own scratch database (" + jobs
                + " demo.sleep jobs of " + sleepMs + " ms, submitted by 8 clients at once)");
        return new Result(name(), question(), scale, measurements, checks);
    }

    private Result smoke(Scale scale, Platform platform) throws Exception {
        int jobs = 8;
        int sleepMs = 100;
        Http http = new Http();
        URI api = platform.service("jobs");
        try (Connection db = platform.serviceDatabase("jobs")) {
            List<UUID> oneAtATime = new ArrayList<>();
            long t0 = System.nanoTime();
            Histogram submitLatency = new ConcurrentHistogram(3);
            Load.measure("submit and wait", jobs, 1, Duration.ofMinutes(1), i -> {
                long t = System.nanoTime();
                UUID id = submit(http, api, sleepMs);
                submitLatency.recordValue(Math.max(1, (System.nanoTime() - t) / 1_000));
                synchronized (oneAtATime) {
                    oneAtATime.add(id);
                }
                awaitFinished(db, List.of(id), Duration.ofSeconds(20));
            });
            Measurement sequential = finished(
                    db,
                    oneAtATime,
                    "one job in flight at a time",
                    new Measurement("submit", jobs, 0, submitLatency, Map.of()));
            List<UUID> allAtOnce = new ArrayList<>();
            Measurement submitAll = submitAll(http, api, jobs, sleepMs, 4, allAtOnce);
            awaitFinished(db, allAtOnce, Duration.ofSeconds(20));
            Measurement parallel = finished(db, allAtOnce, "all at once on the platform's worker pool", submitAll);
            return new Result(
                    name(),
                    question(),
                    scale,
                    List.of(sequential, parallel),
                    List.of("all " + 2 * jobs + " jobs SUCCEEDED on attempt 1 with their side effect applied once "
                            + "(SMOKE: the platform's own jobs-service, no extra processes; took "
                            + (System.nanoTime() - t0) / 1_000_000 + " ms)"));
        }
    }

    private static Measurement submitAll(Http http, URI api, int jobs, int sleepMs, int clients, List<UUID> ids) {
        return Load.measure("submit", jobs, clients, Duration.ofMinutes(2), i -> {
            UUID id = submit(http, api, sleepMs);
            synchronized (ids) {
                ids.add(id);
            }
        });
    }

    private static UUID submit(Http http, URI api, int sleepMs) {
        return UUID.fromString(Http.json(Http.expect(
                        202,
                        http.postJson(
                                api.resolve("/api/jobs"),
                                Map.of(
                                        "type",
                                        "demo.sleep",
                                        "payload",
                                        Map.of("durationMs", sleepMs, "steps", 1),
                                        "maxAttempts",
                                        3))))
                .get("id")
                .asString());
    }

    private static void awaitFinished(Connection db, List<UUID> ids, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try (PreparedStatement ps = db.prepareStatement(
                    "SELECT count(*) FROM jobs WHERE id = ANY(?) AND status IN ('SUCCEEDED', 'DEAD', 'CANCELLED')")) {
                ps.setArray(1, uuids(db, ids));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) == ids.size()) {
                        return;
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(
                                rs.getInt(1) + " of " + ids.size() + " jobs finished after " + limit);
                    }
                }
            }
            Thread.sleep(50);
        }
    }

    /** Throughput and per-job latency on the database's clock; throws unless every job ran once, successfully. */
    private static Measurement finished(Connection db, List<UUID> ids, String variant, Measurement submit)
            throws SQLException {
        Histogram latency = new Histogram(3);
        try (PreparedStatement ps = db.prepareStatement("SELECT j.id, j.status, j.attempts, e.applications, "
                + "extract(epoch FROM j.finished_at - j.created_at) * 1e6, "
                + "extract(epoch FROM max(j.finished_at) OVER () - min(j.created_at) OVER ()) "
                + "FROM jobs j LEFT JOIN demo_effects e ON e.job_id = j.id WHERE j.id = ANY(?)")) {
            ps.setArray(1, uuids(db, ids));
            double seconds = 0;
            int rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows++;
                    if (!rs.getString(2).equals("SUCCEEDED") || rs.getInt(3) != 1 || rs.getInt(4) != 1) {
                        throw new IllegalStateException("job " + rs.getString(1) + " ended " + rs.getString(2)
                                + " after " + rs.getInt(3) + " attempts with its effect applied " + rs.getInt(4)
                                + " times");
                    }
                    latency.recordValue(Math.max(1, rs.getLong(5)));
                    seconds = rs.getDouble(6);
                }
            }
            if (rows != ids.size()) {
                throw new IllegalStateException("found " + rows + " of " + ids.size() + " jobs");
            }
            return new Measurement(variant, rows, seconds, latency, Map.of())
                    .withNote(
                            "submit p50/p99 ms",
                            String.format(Locale.ROOT, "%.1f/%.1f", submit.p50Millis(), submit.p99Millis()));
        }
    }

    private static int workersUsed(Connection db, List<UUID> ids) throws SQLException {
        try (PreparedStatement ps =
                db.prepareStatement("SELECT count(DISTINCT worker) FROM job_attempts WHERE job_id = ANY(?)")) {
            ps.setArray(1, uuids(db, ids));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Array uuids(Connection db, List<UUID> ids) throws SQLException {
        return db.createArrayOf("uuid", ids.toArray());
    }
}
