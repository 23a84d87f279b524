package dev.syspatterns.jobs.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.jobs.JobsApi;
import dev.syspatterns.jobs.JobsIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** A handler that throws an Error (not an Exception) fails its attempt like any other, and costs no worker loop. */
@JobsIntegrationTest
class HandlerErrorTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void anErrorFailsTheAttemptWithItsMessageAndThePoolKeepsAllItsLoops() {
        JobsApi api = new JobsApi(port);
        // given a job whose every attempt throws an OutOfMemoryError, allowed more attempts than the pool has loops
        // (two), so that a loop killed by each attempt would leave none
        UUID failing = api.submitted("{\"type\":\"" + ErrorThrowingHandler.TYPE + "\",\"maxAttempts\":3}");

        // when its attempts are used up, it is DEAD with the Error kept, every attempt recorded as FAILED by the
        // worker (not LEASE_EXPIRED by the reaper after a loop died holding it)
        JsonNode dead = api.awaitStatus(failing, "DEAD", Duration.ofSeconds(30));
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get("error").stringValue())
                .isEqualTo("OutOfMemoryError: simulated: image too large on attempt 3");
        JsonNode attempts = api.get("/api/jobs/" + failing + "/attempts").body();
        assertThat(attempts)
                .extracting(a -> a.get("outcome").stringValue())
                .containsExactly("FAILED", "FAILED", "FAILED");
        assertThat(attempts)
                .extracting(a -> a.get("error").stringValue())
                .allMatch(error -> error.startsWith("OutOfMemoryError: simulated"));

        // then both loops still run jobs: two long jobs submitted together run at the same time, on different loops
        UUID first = api.submitted("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":1500}}");
        UUID second = api.submitted("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":1500}}");
        api.awaitStatus(first, "SUCCEEDED", Duration.ofSeconds(20));
        api.awaitStatus(second, "SUCCEEDED", Duration.ofSeconds(20));
        assertThat(workerOf(api, first)).isNotEqualTo(workerOf(api, second));
    }

    private static String workerOf(JobsApi api, UUID id) {
        JsonNode attempts = api.get("/api/jobs/" + id + "/attempts").body();
        assertThat(attempts).hasSize(1);
        return attempts.get(0).get("worker").stringValue();
    }
}
