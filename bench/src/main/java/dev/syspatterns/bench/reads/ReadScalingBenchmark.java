package dev.syspatterns.bench.reads;

import dev.syspatterns.bench.Benchmark;
import dev.syspatterns.bench.Http;
import dev.syspatterns.bench.Load;
import dev.syspatterns.bench.Measurement;
import dev.syspatterns.bench.Platform;
import dev.syspatterns.bench.Products;
import dev.syspatterns.bench.Result;
import dev.syspatterns.bench.Scale;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * Reading one product by id through inventory-service, answered by each layer the service can answer from:
 * the primary (forced: the read carries a write position no replica has reached), the streaming replica, and
 * the Redis cache (a HIT, no database at all); then read-your-writes (a purchase, then a read carrying the
 * purchase's {@code X-Write-Position}). Every answer is checked against the product as created or bought, and
 * its {@code X-Cache} / {@code X-Read-Source} headers are counted, so the report says how many reads reached
 * the primary.
 */
public final class ReadScalingBenchmark implements Benchmark {

    /** A WAL position far beyond any replica's: the service must answer from the primary. */
    private static final String UNREACHED_POSITION = "FFFFFFFF/FFFFFFFF";

    private static final int STOCK = 1000;

    /** Longer than inventory-service's {@code second-eviction-delay} (500 ms by default). */
    private static final Duration SECOND_EVICTION_PASSED = Duration.ofMillis(1500);

    @Override
    public String name() {
        return "reads";
    }

    @Override
    public String question() {
        return "How much faster is a product read answered from the Redis cache than from the database, does the "
                + "replica answer as fast as the primary, and what share of reads reaches the primary, "
                + "read-your-writes included?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        int reads = scale.pick(40, 1500);
        int clients = scale.pick(4, 16);
        Http http = new Http();
        URI inventory = platform.service("inventory");
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<Long> forPrimary = create(http, inventory, run + "-p", reads, clients);
        List<Long> forReplica = create(http, inventory, run + "-r", reads, clients);
        // Every commit evicts the product's cache entry twice: at once and again after the service's
        // second-eviction-delay (500 ms). Warming the cache before the second one has passed would lose
        // entries, and the HIT phase would see MISSes (as a SMOKE run, which is that quick, can).
        Thread.sleep(SECOND_EVICTION_PASSED.toMillis());
        Map<String, AtomicInteger> total = new ConcurrentHashMap<>();

        Sources s1 = new Sources();
        Measurement primary =
                Load.measure("database, primary (cache MISS)", reads, clients, Duration.ofMinutes(3), i -> {
                    HttpResponse<String> r =
                            read(http, inventory, forPrimary.get(i), STOCK, "X-Write-Position", UNREACHED_POSITION);
                    expectHeader(r, "X-Cache", "MISS");
                    expectHeader(r, "X-Read-Source", "primary");
                    s1.count(r);
                });
        Sources s2 = new Sources();
        Measurement replica =
                Load.measure("database, replica (cache MISS)", reads, clients, Duration.ofMinutes(3), i -> {
                    HttpResponse<String> r = read(http, inventory, forReplica.get(i), STOCK);
                    expectHeader(r, "X-Cache", "MISS");
                    s2.count(r);
                });
        Sources s3 = new Sources();
        Measurement hit = Load.measure("Redis cache HIT", reads, clients, Duration.ofMinutes(3), i -> {
            HttpResponse<String> r = read(http, inventory, forReplica.get(i), STOCK);
            expectHeader(r, "X-Cache", "HIT");
            s3.count(r);
        });
        Sources s4 = new Sources();
        Measurement ryw =
                Load.measure("purchase, then read-your-writes read", reads, clients, Duration.ofMinutes(3), i -> {
                    long id = forReplica.get(i);
                    HttpResponse<String> bought = Http.expect(
                            201,
                            http.postJson(
                                    inventory.resolve("/api/inventory/products/" + id + "/purchases"),
                                    Map.of("quantity", 1, "strategy", "PESSIMISTIC"),
                                    "Idempotency-Key",
                                    UUID.randomUUID().toString()));
                    String position = bought.headers()
                            .firstValue("X-Write-Position")
                            .orElseThrow(
                                    () -> new IllegalStateException("a purchase answered without X-Write-Position"));
                    s4.count(read(http, inventory, id, STOCK - 1, "X-Write-Position", position));
                });

        List<String> checks = new ArrayList<>();
        checks.add("every read returned the product as created (id, sku, stock " + STOCK + "); every read after a "
                + "purchase returned the bought stock (" + (STOCK - 1) + "), never the stale one");
        checks.add("forced reads were answered by the primary, fresh products missed the cache, warmed ones hit it");
        for (Sources s : List.of(s1, s2, s3, s4)) {
            s.counts.forEach(
                    (k, v) -> total.computeIfAbsent(k, x -> new AtomicInteger()).addAndGet(v.get()));
        }
        int all = total.values().stream().mapToInt(AtomicInteger::get).sum();
        checks.add(String.format(
                Locale.ROOT,
                "of all %d reads in this run: %.1f %% reached the primary, %.1f %% the replica, %.1f %% no database "
                        + "(cache HIT)",
                all,
                100.0 * total.getOrDefault("primary", new AtomicInteger()).get() / all,
                100.0 * total.getOrDefault("replica", new AtomicInteger()).get() / all,
                100.0 * total.getOrDefault("cache", new AtomicInteger()).get() / all));
        return new Result(
                name(),
                question(),
                scale,
                List.of(s1.note(primary), s2.note(replica), s3.note(hit), s4.note(ryw)),
                checks);
    }

    /** Who answered each read: {@code primary}, {@code replica}, or {@code cache} (a HIT names no database). */
    private static final class Sources {
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        void count(HttpResponse<String> r) {
            String source = r.headers().firstValue("X-Cache").orElse("").equals("HIT")
                    ? "cache"
                    : r.headers().firstValue("X-Read-Source").orElse("unknown");
            counts.computeIfAbsent(source, k -> new AtomicInteger()).incrementAndGet();
        }

        Measurement note(Measurement m) {
            int all = counts.values().stream().mapToInt(AtomicInteger::get).sum();
            int primary = counts.getOrDefault("primary", new AtomicInteger()).get();
            return m.withNote("reached primary", String.format(Locale.ROOT, "%.1f %%", 100.0 * primary / all))
                    .withNote("answered by", new java.util.TreeMap<>(counts));
        }
    }

    private static HttpResponse<String> read(Http http, URI inventory, long id, int stock, String... headers) {
        HttpResponse<String> r =
                Http.expect(200, http.get(inventory.resolve("/api/inventory/products/" + id), headers));
        JsonNode product = Http.json(r);
        if (product.get("id").asLong() != id || product.get("stock").asInt() != stock) {
            throw new IllegalStateException("product " + id + " read as " + r.body() + " (expected stock " + stock
                    + ", X-Cache " + r.headers().firstValue("X-Cache").orElse("-") + ", X-Read-Source "
                    + r.headers().firstValue("X-Read-Source").orElse("-") + ")");
        }
        return r;
    }

    private static void expectHeader(HttpResponse<String> r, String header, String value) {
        String actual = r.headers().firstValue(header).orElse("(none)");
        if (!actual.equalsIgnoreCase(value)) {
            throw new IllegalStateException(
                    r.request().uri() + " answered " + header + ": " + actual + ", expected " + value);
        }
    }

    private static List<Long> create(Http http, URI inventory, String prefix, int count, int clients) {
        Long[] ids = new Long[count];
        Load.measure(
                "create products",
                count,
                clients,
                Duration.ofMinutes(3),
                i -> ids[i] = Products.create(
                        http, inventory, "bench-reads-" + prefix + "-" + i, "reads benchmark", 250, STOCK));
        return List.of(ids);
    }
}
