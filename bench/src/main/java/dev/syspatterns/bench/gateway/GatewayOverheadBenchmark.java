package dev.syspatterns.bench.gateway;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The same request (read a product, answered from inventory-service's cache so the service's own work is
 * small and the gateway's share shows) sent straight to inventory-service and through the gateway, which
 * verifies a JWT, takes a token from the user's Redis rate-limit bucket, passes the circuit breaker and
 * proxies. Requests are spread over many users so no bucket (20/s, burst 40 per user and route) runs dry: a
 * 429 fails the run rather than flattering it.
 */
public final class GatewayOverheadBenchmark implements Benchmark {

    @Override
    public String name() {
        return "gateway";
    }

    @Override
    public String question() {
        return "What does the gateway (JWT check, Redis rate limit, circuit breaker, proxy hop) add to the latency "
                + "and take from the throughput of the same request sent straight to the service?";
    }

    @Override
    public Result run(Scale scale, Platform platform) throws Exception {
        int requests = scale.pick(120, 6000);
        int clients = scale.pick(4, 16);
        int users = scale.pick(20, 400);
        Http http = new Http();
        URI inventory = platform.service("inventory");
        URI gateway = platform.gateway();
        String run = UUID.randomUUID().toString().substring(0, 8);

        long id = Products.create(
                http, inventory, "bench-gateway-" + run, "read through the gateway and directly", 500, 7);
        String path = "/api/inventory/products/" + id;
        String expected = Http.expect(200, http.get(inventory.resolve(path))).body();
        List<String> tokens = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            tokens.add(Http.json(Http.expect(
                            200,
                            http.postJson(
                                    gateway.resolve("/api/auth/token"), Map.of("userId", "bench-" + run + "-" + u))))
                    .get("access_token")
                    .asString());
        }
        // both paths warm (connections, JIT) before either is timed
        for (int i = 0; i < 20; i++) {
            Http.expect(200, http.get(inventory.resolve(path)));
            Http.expect(200, http.get(gateway.resolve(path), "Authorization", "Bearer " + tokens.get(i % users)));
        }

        Measurement direct =
                Load.measure("direct to inventory-service", requests, clients, Duration.ofMinutes(3), i -> {
                    same(expected, Http.expect(200, http.get(inventory.resolve(path))));
                });
        AtomicInteger tagged = new AtomicInteger();
        Measurement viaGateway = Load.measure("through the gateway", requests, clients, Duration.ofMinutes(3), i -> {
            HttpResponse<String> r =
                    http.get(gateway.resolve(path), "Authorization", "Bearer " + tokens.get(i % users));
            same(expected, Http.expect(200, r));
            if (r.headers().firstValue("X-Request-Id").isPresent()) {
                tagged.incrementAndGet();
            }
        });
        if (tagged.get() != viaGateway.operations()) {
            throw new IllegalStateException(
                    (viaGateway.operations() - tagged.get()) + " answers through the gateway had no X-Request-Id");
        }
        return new Result(
                name(),
                question(),
                scale,
                List.of(direct, viaGateway.withNote("users", users)),
                List.of(
                        "every answer, direct or through the gateway, was 200 with the same product JSON",
                        "no request was rate limited (" + users + " users, " + requests
                                + " requests); every gateway answer carried its X-Request-Id"));
    }

    private static void same(String expected, HttpResponse<String> r) {
        if (!expected.equals(r.body())) {
            throw new IllegalStateException("expected " + expected + " but got " + r.body());
        }
    }
}
