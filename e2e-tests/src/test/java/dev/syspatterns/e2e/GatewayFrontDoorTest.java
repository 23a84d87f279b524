package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The front door is open where it must be, closed everywhere else, and limits each user. */
class GatewayFrontDoorTest {

    /** The gateway's default bucket per user and route: 40 tokens, refilled at 20 a second. */
    private static final int BURST = 40;

    private static final int REPLENISH_PER_SECOND = 20;

    /** Clients sending at once: enough to outpace the refill many times over, even on a busy machine. */
    private static final int CLIENTS = 16;

    /** Ceilings on the test's load, reached only if the gateway answers hardly faster than the bucket refills. */
    private static final int MAX_REQUESTS = 3_000;

    private static final int MAX_SECONDS = 60;

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

        // when it calls one route from several clients at once, as fast as the gateway answers, until it has sent
        // clearly more than the bucket can admit over the time taken so far (a slow machine just sends for longer)
        Queue<HttpResponse<String>> answers = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        long began = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(threads.submit(() -> {
                    while (sent.get() < enoughAfter(secondsSince(began))
                            && secondsSince(began) < MAX_SECONDS
                            && sent.incrementAndGet() <= MAX_REQUESTS) {
                        answers.add(gateway.get("/api/geo/distance?from=48.2,16.3&to=48.3,16.4", token));
                    }
                    return null;
                }));
            }
        }
        double seconds = secondsSince(began);
        for (Future<?> client : clients) {
            client.get(); // a client that failed says why
        }
        List<HttpResponse<String>> responses = List.copyOf(answers);

        // then no more than the burst plus what refilled meanwhile got through; the rest are 429 problems that
        // say when to come back
        long admissible = admissibleWithin(seconds);
        assertThat((long) responses.size())
                .as(
                        "requests sent in %.2f s, more than the bucket could admit (else the bound below says nothing)",
                        seconds)
                .isGreaterThan(admissible);
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
        assertThat(passed + limited.size()).as("every answer is 200 or 429").isEqualTo(responses.size());
        assertThat(admittedByTheBucket)
                .as(
                        "admitted by the bucket (%d passed in all, of %d sent in %.2f s)",
                        passed, responses.size(), seconds)
                .isBetween(1L, admissible);
        assertThat(limited).isNotEmpty().allSatisfy(r -> {
            assertThat(r.headers().firstValue("Retry-After").map(Integer::parseInt))
                    .hasValueSatisfying(retryAfter -> assertThat(retryAfter).isPositive());
            assertThat(r.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        });
    }

    /**
     * The most a fresh bucket can admit within {@code seconds}: its burst, plus a second's refill for every second
     * boundary the window can cross. The limiter's script counts time in whole epoch seconds, so tokens come back a
     * second's worth at a time, and a window of s seconds crosses at most floor(s) + 1 boundaries.
     */
    private static long admissibleWithin(double seconds) {
        return BURST + ((long) Math.floor(seconds) + 1) * REPLENISH_PER_SECOND;
    }

    /**
     * How many requests to send before stopping, {@code elapsed} seconds in: the bound a second later (the answers
     * still in flight take time too) and a burst more, so the final count is well above it.
     */
    private static long enoughAfter(double elapsed) {
        return admissibleWithin(elapsed + 1) + BURST;
    }

    private static double secondsSince(long began) {
        return (System.nanoTime() - began) / 1e9;
    }
}
