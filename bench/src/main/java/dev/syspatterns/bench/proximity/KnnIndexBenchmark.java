package dev.syspatterns.bench.proximity;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Nearest-10 places to a point, the query behind "restaurants near me": PostGIS KNN ({@code <->}) on a
 * GiST index against the same query on the same rows without the index (a sequential scan and a sort).
 */
public final class KnnIndexBenchmark implements Benchmark {

    private static final String KNN = "SELECT id FROM %s ORDER BY location <-> "
            + "CAST(ST_SetSRID(ST_MakePoint(?, ?), 4326) AS geography) LIMIT 10";

    @Override
    public String name() {
        return "proximity";
    }

    @Override
    public String question() {
        return "How much faster does a GiST index make a nearest-10 (KNN) query than a sequential scan of the same places?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        int places = scale.pick(20_000, 1_000_000);
        int queries = scale.pick(10, 50);
        try (Connection db = platform.scratchDatabase("bench_proximity")) {
            prepare(db, places);
            Random random = new Random(7);
            double[][] points = new double[queries][];
            for (int i = 0; i < queries; i++) {
                points[i] = new double[] {-10 + random.nextDouble() * 40, 35 + random.nextDouble() * 25};
            }
            int[][] scanned = new int[queries][];
            int[][] indexed = new int[queries][];
            Measurement seqScan = knn(db, "places_noindex", points, scanned, "sequential scan (no index)");
            Measurement gist = knn(db, "places_gist", points, indexed, "KNN on GiST index");

            List<String> checks = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                if (!Arrays.equals(scanned[i], indexed[i])) {
                    throw new IllegalStateException("query " + i + ": the index returned " + Arrays.toString(indexed[i])
                            + " but the scan returned " + Arrays.toString(scanned[i]));
                }
            }
            checks.add("both return the same 10 ids in the same order for all " + queries + " queries over " + places
                    + " places");
            String plan = explain(db, "places_gist");
            if (!plan.contains("places_gist_location")) {
                throw new IllegalStateException("the indexed query does not use its GiST index:\n" + plan);
            }
            checks.add("EXPLAIN shows the indexed query scanning places_gist_location");
            return new Result(name(), question(), scale, List.of(seqScan, gist.withNote("places", places)), checks);
        }
    }

    private static Measurement knn(Connection db, String table, double[][] points, int[][] answers, String variant) {
        return Load.measure(variant, points.length, 1, Duration.ofMinutes(5), i -> {
            try (PreparedStatement ps = db.prepareStatement(KNN.formatted(table))) {
                ps.setDouble(1, points[i][0]);
                ps.setDouble(2, points[i][1]);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Integer> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                    }
                    answers[i] = ids.stream().mapToInt(Integer::intValue).toArray();
                }
            }
        });
    }

    private static String explain(Connection db, String table) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("EXPLAIN " + KNN.formatted(table))) {
            ps.setDouble(1, 13.4);
            ps.setDouble(2, 52.5);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    /** The same random places (fixed seed) in two tables, one with a GiST index; kept between runs. */
    private static void prepare(Connection db, int places) throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute(
                    "CREATE TABLE IF NOT EXISTS places_gist (id int PRIMARY KEY, location geography(Point, 4326) NOT NULL)");
            st.execute("CREATE INDEX IF NOT EXISTS places_gist_location ON places_gist USING gist (location)");
            st.execute(
                    "CREATE TABLE IF NOT EXISTS places_noindex (id int PRIMARY KEY, location geography(Point, 4326) NOT NULL)");
            try (ResultSet rs = st.executeQuery(
                    "SELECT (SELECT count(*) FROM places_gist), (SELECT count(*) FROM places_noindex)")) {
                rs.next();
                if (rs.getLong(1) == places && rs.getLong(2) == places) {
                    return;
                }
            }
            st.execute("TRUNCATE places_gist, places_noindex");
            st.execute("SELECT setseed(0.42)");
            st.execute(
                    "INSERT INTO places_gist SELECT g, CAST(ST_SetSRID(ST_MakePoint(-10 + random() * 40, 35 + random() * 25), 4326) AS geography) "
                            + "FROM generate_series(1, " + places + ") g");
            st.execute("INSERT INTO places_noindex SELECT * FROM places_gist");
            st.execute("ANALYZE places_gist");
            st.execute("ANALYZE places_noindex");
        }
    }
}
