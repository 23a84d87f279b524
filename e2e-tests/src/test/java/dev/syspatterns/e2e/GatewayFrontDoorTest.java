package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The front door is open where it must be, closed everywhere else, and limits each user. */
class GatewayFrontDoorTest {

    /** The gateway's default bucket per user and route: 40 tokens, refilled at 20 a second. */
    private static final int BURST = 40;

    private static final int REPLENISH_PER_SECOND = 20;

    private final Gateway gateway = new Gateway();

    @Test
    void healthIsOpenWithoutAToken() {
        var health = gateway.get("/actuator/health/readiness", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
    }

    @Test
    void apisRefuseACallerWithoutAToken() {
        for (String path : List.of(
                "/api/inventory/products/1", "/api/jobs/by-idempotency-key/x", "/api/geo/places/1", "/api/orders/x")) {
            var refused = gateway.get(path, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void aUserOverTheRateLimitIsToldToRetryLater() throws Exception {
        // given one user with a fresh bucket
        String token = gateway.token(Gateway.unique("e2e-eager"));

        // when it sends twice its burst at once to one route
        int requests = 2 * BURST;
        var start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        long began;
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests; i++) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return gateway.get("/api/geo/distance?from=48.2,16.3&to=48.3,16.4", token);
                }));
            }
            began = System.nanoTime();
            start.countDown();
        }
        double seconds = (System.nanoTime() - began) / 1e9;

        // then no more than the burst plus what refilled meanwhile got through; the rest are 429 problems that
        // say when to come back
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (var answer : answers) {
            responses.add(answer.get());
        }
        long passed = responses.stream().filter(r -> r.statusCode() == 200).count();
        // The limiter lets a request through when Redis does not answer in time (the gateway's fail-open choice,
        // marked X-RateLimit-Remaining: -1); only the ones the bucket admitted count against it.
        long admittedByTheBucket = responses.stream()
                .filter(r -> r.statusCode() == 200)
                .filter(r -> !r.headers()
                        .firstValue("X-RateLimit-Remaining")
                        .orElse("")
                        .equals("-1"))
                .count();
        List<HttpResponse<String>> limited =
                responses.stream().filter(r -> r.statusCode() == 429).toList();
        assertThat(passed + limited.size()).as("every answer is 200 or 429").isEqualTo(requests);
        // The bucket refills in whole seconds (the limiter's script counts time in epoch seconds): a burst that
        // straddles a second boundary gets a full second's tokens at once, so count each boundary it can cross.
        long secondBoundariesCrossed = (long) Math.floor(seconds) + 1;
        assertThat(admittedByTheBucket)
                .as("admitted by the bucket (%d passed in all, in %.2f s)", passed, seconds)
                .isBetween(1L, BURST + secondBoundariesCrossed * REPLENISH_PER_SECOND);
        assertThat(limited).isNotEmpty().allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After").map(Integer::parseInt))
                    .hasValueSatisfying(retryAfter -> assertThat(retryAfter).isPositive());
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        });
    }
}
