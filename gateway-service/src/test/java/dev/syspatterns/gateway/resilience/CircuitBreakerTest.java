package dev.syspatterns.gateway.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.gateway.GatewayIntegrationTest;
import dev.syspatterns.gateway.UpstreamStub;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest extends GatewayIntegrationTest {

    @Test
    void deadServiceGivesAQuick503Problem() {
        // given: nothing listens where jobs-service should be
        String token = tokenFor(newUser());

        // when
        long started = System.nanoTime();
        HttpResponse<String> response = get("/api/jobs/123", token);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // then: an answer, not a hang (a loose bound: this is about behaviour, not speed)
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        Map<String, Object> problem = UpstreamStub.parse(response.body());
        assertThat(problem).containsEntry("status", 503).containsEntry("service", "jobs");
        assertThat(problem).containsEntry("instance", "/api/jobs/123");
    }

    @Test
    void repeatedFailuresOpenTheCircuitAndCallsAreRefusedWithoutTrying() {
        // given
        String token = tokenFor(newUser());

        // when: failures pile up past the breaker's minimum number of calls
        HttpResponse<String> response = null;
        for (int i = 0; i < 15; i++) {
            response = get("/api/jobs/" + i, token);
            if (response.headers().firstValue("Retry-After").isPresent()) {
                break;
            }
        }

        // then
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat((String) UpstreamStub.parse(response.body()).get("detail")).contains("circuit is open");
    }

    @Test
    void manyConcurrentCallsToAHealthyServiceAreAllRelayed() throws Exception {
        // given: 100 users at once (each with its own rate-limit bucket) on a service that takes a moment to answer;
        // the breaker must not cap concurrency (Spring Cloud CircuitBreaker's default bulkhead allowed 25, refused the
        // rest with 503 and its refusals then opened the circuit; issue 9's 100 concurrent buyers met exactly that)
        List<String> tokens =
                IntStream.range(0, 100).mapToObj(i -> tokenFor(newUser())).toList();

        // when
        var start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (var callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String token : tokens) {
                answers.add(callers.submit(() -> {
                    start.await();
                    return get("/api/orders/busy", token);
                }));
            }
            start.countDown();
        }

        // then
        List<String> notRelayed = new ArrayList<>();
        for (var answer : answers) {
            HttpResponse<String> response = answer.get();
            if (response.statusCode() != 200) {
                notRelayed.add(response.statusCode() + " " + response.body());
            }
        }
        assertThat(notRelayed).isEmpty();
    }

    @Test
    void serviceThatAnswersTooLateGives504Problem() {
        // when: the stub answers after the route's response timeout
        HttpResponse<String> response = get("/api/geo/slow", tokenFor(newUser()));

        // then
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(UpstreamStub.parse(response.body()))
                .containsEntry("service", "geo")
                .containsEntry("instance", "/api/geo/slow");
    }
}
