package dev.syspatterns.bench.contention;

import dev.syspatterns.bench.Benchmark;
import dev.syspatterns.bench.Http;
import dev.syspatterns.bench.Load;
import dev.syspatterns.bench.Measurement;
import dev.syspatterns.bench.Platform;
import dev.syspatterns.bench.Products;
import dev.syspatterns.bench.Prometheus;
import dev.syspatterns.bench.Result;
import dev.syspatterns.bench.Scale;
import java.net.URI;
import java.net.http.HttpResponse;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buying stock concurrently through inventory-service with each locking strategy, at low contention (buyers
 * spread over many products) and high contention (everyone buys the one product). The baseline is
 * PESSIMISTIC ({@code SELECT ... FOR UPDATE}) at low contention, the simplest correct strategy; NONE (no
 * protection) is run once more at the end only to show the lost update, never as a baseline.
 *
 * <p>Correct means: for every product, units confirmed (201) == stock decrease in the database == units in
 * purchase rows, and stock never below 0 (one more purchase of an emptied product must be refused with 409).
 * A 503 (optimistic retries exhausted, lock busy) sells nothing and is retried by the client with the same
 * Idempotency-Key; those client retries are counted, and the service's optimistic conflicts (its own retries)
 * are read from its metrics.
 */
public final class ContentionBenchmark implements Benchmark {

    private static final List<String> STRATEGIES = List.of("PESSIMISTIC", "OPTIMISTIC", "DISTRIBUTED_LOCK");

    @Override
    public String name() {
        return "contention";
    }

    @Override
    public String question() {
        return "How many purchases per second does each locking strategy (pessimistic row lock, optimistic "
                + "version check with retries, fenced Redis lock) sustain, and how many retries does it cost, when "
                + "buyers spread over many products and when they all want the same one?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        int purchases = scale.pick(60, 1500);
        int products = scale.pick(20, 300);
        int clients = scale.pick(8, 32);
        Http http = new Http();
        URI inventory = platform.service("inventory");
        Prometheus metrics = new Prometheus(http, inventory);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Measurement> measurements = new ArrayList<>();
        List<String> checks = new ArrayList<>();

        try (Connection db = platform.serviceDatabase("inventory")) {
            for (String level : List.of("low", "high")) {
                for (String strategy : STRATEGIES) {
                    int count = level.equals("low") ? products : 1;
                    List<Long> ids = new ArrayList<>();
                    for (int p = 0; p < count; p++) {
                        int stock = purchases / count + (p < purchases % count ? 1 : 0);
                        ids.add(create(
                                http, inventory, "bench-" + run + "-" + strategy + "-" + level + "-" + p, stock));
                    }
                    Measurement m = purchase(http, metrics, inventory, strategy, level, ids, purchases, clients);
                    for (int p = 0; p < count; p++) {
                        long id = ids.get(p);
                        int stock = purchases / count + (p < purchases % count ? 1 : 0);
                        verify(db, id, stock, stock, strategy);
                    }
                    refusesOneMore(http, inventory, ids.getFirst(), strategy);
                    measurements.add(m);
                }
                checks.add(level + " contention: every strategy sold exactly the " + purchases + " units it confirmed ("
                        + "confirmed == stock decrease == purchase rows for each of "
                        + (level.equals("low") ? products : 1)
                        + " products), stock ended at 0, and one more purchase was refused with 409");
            }
            measurements.add(unprotected(http, db, inventory, run, purchases, clients, checks));
        }

        Measurement baseline = measurements.getFirst();
        Measurement highBaseline = measurements.get(STRATEGIES.size());
        List<Measurement> withRatios = new ArrayList<>();
        for (int i = 0; i < measurements.size(); i++) {
            Measurement m = measurements.get(i);
            Measurement same = i < STRATEGIES.size() ? baseline : highBaseline;
            withRatios.add(
                    i < 2 * STRATEGIES.size()
                            ? m.withNote(
                                    "vs PESSIMISTIC same contention",
                                    String.format(Locale.ROOT, "%.2fx", m.throughput() / same.throughput()))
                            : m);
        }
        return new Result(name(), question(), scale, withRatios, checks);
    }

    private static Measurement purchase(
            Http http,
            Prometheus metrics,
            URI inventory,
            String strategy,
            String level,
            List<Long> ids,
            int purchases,
            int clients) {
        AtomicInteger clientRetries = new AtomicInteger();
        double conflictsBefore = metrics.sum("inventory_optimistic_conflicts_total");
        double busyBefore = metrics.sum("inventory_lock_busy_total");
        Measurement m =
                Load.measure(strategy + ", " + level + " contention", purchases, clients, Duration.ofMinutes(3), i -> {
                    long id = ids.get(i % ids.size());
                    String key = UUID.randomUUID().toString();
                    for (int attempt = 1; ; attempt++) {
                        HttpResponse<String> r = http.postJson(
                                inventory.resolve("/api/inventory/products/" + id + "/purchases"),
                                Map.of("quantity", 1, "strategy", strategy),
                                "Idempotency-Key",
                                key);
                        if (r.statusCode() == 201) {
                            return;
                        }
                        if (r.statusCode() != 503 || attempt == 20) {
                            Http.expect(201, r);
                        }
                        clientRetries.incrementAndGet();
                        Thread.sleep(5L * attempt);
                    }
                });
        double conflicts = metrics.sum("inventory_optimistic_conflicts_total") - conflictsBefore;
        double busy = metrics.sum("inventory_lock_busy_total") - busyBefore;
        return m.withNote("client retries (503)", clientRetries.get())
                .withNote("optimistic conflicts (server)", (long) conflicts)
                .withNote("lock found busy, polled again (server)", (long) busy);
    }

    /** NONE, once, on one hot product: how many confirmed sales the stock does not account for. */
    private static Measurement unprotected(
            Http http, Connection db, URI inventory, String run, int purchases, int clients, List<String> checks)
            throws SQLException {
        int stock = purchases * 2;
        long id = create(http, inventory, "bench-" + run + "-NONE-high", stock);
        Measurement m =
                Load.measure("NONE (unprotected), high contention", purchases, clients, Duration.ofMinutes(3), i -> {
                    Http.expect(
                            201,
                            http.postJson(
                                    inventory.resolve("/api/inventory/products/" + id + "/purchases"),
                                    Map.of("quantity", 1, "strategy", "NONE"),
                                    "Idempotency-Key",
                                    UUID.randomUUID().toString()));
                });
        int decrease = stock - stock(db, id);
        int lost = purchases - decrease;
        checks.add("NONE (shown, not a baseline): " + purchases + " sales confirmed but the stock fell by " + decrease
                + ": " + lost + " lost updates");
        return m.withNote("lost updates", lost);
    }

    private static long create(Http http, URI inventory, String sku, int stock) {
        return Products.create(http, inventory, sku, "contention benchmark", 100, stock);
    }

    private static void verify(Connection db, long id, int initial, int confirmed, String strategy)
            throws SQLException {
        int left = stock(db, id);
        long rows;
        long units;
        try (PreparedStatement ps =
                db.prepareStatement("SELECT count(*), coalesce(sum(quantity), 0) FROM purchase WHERE product_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rows = rs.getLong(1);
                units = rs.getLong(2);
            }
        }
        if (left < 0 || initial - left != confirmed || units != confirmed || rows != confirmed) {
            throw new IllegalStateException(strategy + " on product " + id + ": confirmed " + confirmed
                    + " units, stock went " + initial + " -> " + left + ", purchase rows " + rows + " (" + units
                    + " units)");
        }
    }

    private static void refusesOneMore(Http http, URI inventory, long id, String strategy) {
        HttpResponse<String> r = http.postJson(
                inventory.resolve("/api/inventory/products/" + id + "/purchases"),
                Map.of("quantity", 1, "strategy", strategy),
                "Idempotency-Key",
                UUID.randomUUID().toString());
        Http.expect(409, r);
    }

    private static int stock(Connection db, long id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT stock FROM product WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
