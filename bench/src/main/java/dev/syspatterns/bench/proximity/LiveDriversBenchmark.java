package dev.syspatterns.bench.proximity;

import dev.syspatterns.bench.Benchmark;
import dev.syspatterns.bench.Load;
import dev.syspatterns.bench.Measurement;
import dev.syspatterns.bench.Platform;
import dev.syspatterns.bench.Result;
import dev.syspatterns.bench.Scale;
import io.lettuce.core.GeoArgs;
import io.lettuce.core.GeoCoordinates;
import io.lettuce.core.GeoSearch;
import io.lettuce.core.GeoValue;
import io.lettuce.core.GeoWithin;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * "Nearest available drivers": positions that change every few seconds, asked for constantly. The same
 * drivers in PostGIS (KNN on a GiST index, the place search's technique) and in Redis GEO (geo-service's live
 * index): nearest-10 queries per second against PostGIS KNN as the baseline (the ratio column), and position
 * updates per second with Redis's ratio to PostGIS upserts in its note.
 * Both answers are compared: the same drivers within 0.5 % of the same distances.
 */
public final class LiveDriversBenchmark implements Benchmark {

    private static final String KNN = "SELECT driver_id, ST_Distance(location, p) FROM drivers_live, "
            + "CAST(ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geography) p "
            + "WHERE ST_DWithin(location, p, ?) ORDER BY location <-> p LIMIT 10";

    @Override
    public String name() {
        return "live-drivers";
    }

    @Override
    public String question() {
        return "For live driver positions, how do Redis GEO and PostGIS compare on position updates and nearest-10 queries?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        int drivers = scale.pick(2_000, 50_000);
        int updates = scale.pick(2_000, 50_000);
        int queries = scale.pick(200, 5_000);
        double radius = 3_000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        String key = "bench:live-drivers:" + run;
        Random random = new Random(11);
        double[][] positions = new double[updates][];
        for (int i = 0; i < updates; i++) {
            positions[i] = point(random);
        }
        double[][] origins = new double[queries][];
        for (int i = 0; i < queries; i++) {
            origins[i] = point(random);
        }

        RedisClient client = RedisClient.create("redis://" + platform.host() + ":6379");
        try (StatefulRedisConnection<String, String> connection = client.connect();
                Connection db = platform.scratchDatabase("bench_proximity")) {
            RedisCommands<String, String> redis = connection.sync();
            try (Statement st = db.createStatement()) {
                st.execute(
                        "CREATE TABLE IF NOT EXISTS drivers_live (driver_id text PRIMARY KEY, location geography(Point, 4326) NOT NULL)");
                st.execute("CREATE INDEX IF NOT EXISTS drivers_live_location ON drivers_live USING gist (location)");
                st.execute("TRUNCATE drivers_live");
            }
            db.setAutoCommit(true);

            // position updates: driver i % drivers moves to positions[i]; the last move of each driver wins
            Measurement pgUpdates =
                    Load.measure("PostGIS upsert (GiST index)", updates, 1, Duration.ofMinutes(5), i -> {
                        try (PreparedStatement ps = db.prepareStatement("INSERT INTO drivers_live VALUES (?, "
                                + "CAST(ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geography)) "
                                + "ON CONFLICT (driver_id) DO UPDATE SET location = EXCLUDED.location")) {
                            ps.setString(1, "d" + (i % drivers));
                            ps.setDouble(2, positions[i][0]);
                            ps.setDouble(3, positions[i][1]);
                            ps.executeUpdate();
                        }
                    });
            Measurement redisUpdates = Load.measure(
                    "Redis GEOADD",
                    updates,
                    1,
                    Duration.ofMinutes(5),
                    i -> redis.geoadd(key, GeoValue.just(positions[i][0], positions[i][1], "d" + (i % drivers))));
            try (Statement st = db.createStatement()) {
                st.execute("ANALYZE drivers_live");
            }

            List<Map<String, Double>> fromPostgis = new ArrayList<>();
            List<Map<String, Double>> fromRedis = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                fromPostgis.add(null);
                fromRedis.add(null);
            }
            Measurement pgQueries = Load.measure("PostGIS nearest 10 (KNN)", queries, 1, Duration.ofMinutes(5), i -> {
                try (PreparedStatement ps = db.prepareStatement(KNN)) {
                    ps.setDouble(1, origins[i][0]);
                    ps.setDouble(2, origins[i][1]);
                    ps.setDouble(3, radius);
                    Map<String, Double> found = new HashMap<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(rs.getString(1), rs.getDouble(2));
                        }
                    }
                    fromPostgis.set(i, found);
                }
            });
            Measurement redisQueries =
                    Load.measure("Redis GEOSEARCH nearest 10", queries, 1, Duration.ofMinutes(5), i -> {
                        List<GeoWithin<String>> hits = redis.geosearch(
                                key,
                                GeoSearch.fromCoordinates(origins[i][0], origins[i][1]),
                                GeoSearch.byRadius(radius, GeoArgs.Unit.m),
                                new GeoArgs().withDistance().asc().withCount(10));
                        Map<String, Double> found = new HashMap<>();
                        hits.forEach(hit -> found.put(hit.getMember(), hit.getDistance()));
                        fromRedis.set(i, found);
                    });
            checkLastPositions(db, redis, key, positions, drivers);
            redis.del(key);

            int compared = check(fromPostgis, fromRedis);
            List<String> checks = List.of(
                    "after " + updates + " moves of " + drivers
                            + " drivers, both indexes hold each driver's last position",
                    "for all " + queries + " origins both return the same nearest drivers within " + (int) radius
                            + " m (distances within 0.5 %; " + compared
                            + " drivers compared; ties at the 10th place may swap)");
            return new Result(
                    name(),
                    question(),
                    scale,
                    // the table's ratio column compares with the first row (queries); updates carry their own ratio
                    List.of(
                            pgQueries,
                            redisQueries,
                            pgUpdates,
                            redisUpdates.withNote(
                                    "vs PostGIS upsert",
                                    String.format(
                                            java.util.Locale.ROOT,
                                            "%.2fx",
                                            redisUpdates.throughput() / pgUpdates.throughput()))),
                    checks);
        } finally {
            client.shutdown();
        }
    }

    /**
     * Both indexes hold every driver once, at the position of its last move: exactly in PostGIS, within Redis's
     * geohash precision (52 bits, well under a metre; 1e-5 degrees is about a metre).
     */
    private static void checkLastPositions(
            Connection db, RedisCommands<String, String> redis, String key, double[][] positions, int drivers)
            throws SQLException {
        long inRedis = redis.zcard(key);
        Map<String, double[]> inPostgis = new HashMap<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT driver_id, ST_X(location::geometry), ST_Y(location::geometry)"
                        + " FROM drivers_live")) {
            while (rs.next()) {
                inPostgis.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
            }
        }
        int expected = Math.min(drivers, positions.length);
        if (inRedis != expected || inPostgis.size() != expected) {
            throw new IllegalStateException(
                    "expected " + expected + " drivers, Redis holds " + inRedis + ", PostGIS " + inPostgis.size());
        }
        String[] members = new String[expected];
        for (int d = 0; d < expected; d++) {
            members[d] = "d" + d;
        }
        List<GeoCoordinates> fromRedis = redis.geopos(key, members);
        for (int d = 0; d < expected; d++) {
            double[] last = positions[(positions.length - 1 - d) / drivers * drivers + d];
            double[] pg = inPostgis.get(members[d]);
            GeoCoordinates rd = fromRedis.get(d);
            if (pg == null || Math.abs(pg[0] - last[0]) > 1e-9 || Math.abs(pg[1] - last[1]) > 1e-9) {
                throw new IllegalStateException("PostGIS holds driver " + members[d] + " away from its last move");
            }
            if (rd == null
                    || Math.abs(rd.getX().doubleValue() - last[0]) > 1e-5
                    || Math.abs(rd.getY().doubleValue() - last[1]) > 1e-5) {
                throw new IllegalStateException("Redis holds driver " + members[d] + " away from its last move");
            }
        }
    }

    /** Same drivers and distances, except where two drivers tie for the 10th place within the tolerance. */
    private static int check(List<Map<String, Double>> postgis, List<Map<String, Double>> redis) {
        int compared = 0;
        for (int i = 0; i < postgis.size(); i++) {
            Map<String, Double> pg = postgis.get(i);
            Map<String, Double> rd = redis.get(i);
            if (Math.abs(pg.size() - rd.size()) > 0) {
                throw new IllegalStateException(
                        "origin " + i + ": PostGIS found " + pg.size() + " drivers, Redis " + rd.size());
            }
            double farthest =
                    pg.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            for (var e : pg.entrySet()) {
                Double other = rd.get(e.getKey());
                if (other == null) {
                    if (e.getValue() < farthest * 0.995) {
                        throw new IllegalStateException(
                                "origin " + i + ": Redis misses driver " + e.getKey() + " at " + e.getValue() + " m");
                    }
                    continue;
                }
                if (Math.abs(other - e.getValue()) > Math.max(1.0, e.getValue() * 0.005)) {
                    throw new IllegalStateException("origin " + i + ": driver " + e.getKey() + " at " + e.getValue()
                            + " m in PostGIS but " + other + " m in Redis");
                }
                compared++;
            }
        }
        return compared;
    }

    // a city-sized area (about 20 x 20 km) so that a 3 km radius finds drivers
    private static double[] point(Random random) {
        return new double[] {13.3 + random.nextDouble() * 0.3, 52.4 + random.nextDouble() * 0.18};
    }
}
