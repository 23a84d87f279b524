package dev.syspatterns.jobs.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.jobs.JobsApi;
import dev.syspatterns.jobs.JobsIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Failed attempts come back after an exponential backoff with jitter, until maxAttempts; then the job is DEAD. */
@JobsIntegrationTest
class RetryAndBackoffTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void jobThatFailsTwiceThenSucceedsEndsSucceededOnItsThirdAttempt() {
        JobsApi api = new JobsApi(port);
        // given a job that fails on its first two attempts
        UUID id = api.submitted(
                "{\"type\":\"demo.sleep\",\"maxAttempts\":5,\"payload\":{\"durationMs\":10,\"failFirstAttempts\":2}}");

        // when the workers have retried it
        JsonNode done = api.awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(30));

        // then it succeeded on attempt 3, after two failed attempts and a backoff before each retry
        assertThat(done.get("attempts").asInt()).isEqualTo(3);
        assertThat(done.get("error").isNull()).isTrue();
        JsonNode attempts = api.get("/api/jobs/" + id + "/attempts").body();
        assertThat(attempts)
                .extracting(a -> a.get("outcome").stringValue())
                .containsExactly("FAILED", "FAILED", "SUCCEEDED");
        assertThat(attempts.get(0).get("error").stringValue()).contains("planned failure on attempt 1");
        assertBackoff(attempts, 1);
        assertBackoff(attempts, 2);
    }

    @Test
    void jobThatAlwaysFailsEndsDeadAfterMaxAttemptsAndCanBeRedriven() {
        JobsApi api = new JobsApi(port);
        // given a job that fails every time, allowed 3 attempts
        UUID id = api.submitted(
                "{\"type\":\"demo.sleep\",\"maxAttempts\":3,\"payload\":{\"durationMs\":10,\"failureRate\":1.0}}");

        // when its attempts are used up
        JsonNode dead = api.awaitStatus(id, "DEAD", Duration.ofSeconds(30));

        // then it is DEAD with the last error kept, after a backoff between attempts
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get("error").stringValue()).contains("random failure");
        assertThat(dead.get("timestamps").get("finishedAt").isNull()).isFalse();
        JsonNode attempts = api.get("/api/jobs/" + id + "/attempts").body();
        assertThat(attempts).hasSize(3);
        assertBackoff(attempts, 1);
        assertBackoff(attempts, 2);
        // and the dead letters list shows it
        JsonNode deadJobs = api.get("/api/jobs?status=DEAD&limit=500").body();
        assertThat(deadJobs).extracting(j -> j.get("id").stringValue()).contains(id.toString());

        // when it is re-driven, it runs again from attempt 1 (and, still failing, dies again)
        JobsApi.Response retried = api.post("/api/jobs/" + id + "/retry");
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.body().get("status").stringValue()).isEqualTo("QUEUED");
        assertThat(retried.body().get("attempts").asInt()).isZero();
        api.awaitJob(
                id,
                Duration.ofSeconds(30),
                job -> job.get("status").stringValue().equals("DEAD")
                        && api.get("/api/jobs/" + id + "/attempts").body().size() == 6);

        // and retrying a job that is not dead is a conflict
        JobsApi.Response notDead = api.post(
                "/api/jobs/" + api.submitted("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":10}}") + "/retry");
        assertThat(notDead.status()).isEqualTo(409);
    }

    /** Retry n waits at least half of base * 2^(n-1) (equal jitter), measured by the database's clock. */
    private static void assertBackoff(JsonNode attempts, int afterAttempt) {
        Instant failed =
                Instant.parse(attempts.get(afterAttempt - 1).get("finishedAt").stringValue());
        Instant retried =
                Instant.parse(attempts.get(afterAttempt).get("startedAt").stringValue());
        long minimum = (JobsIntegrationTest.BASE_DELAY_MS << (afterAttempt - 1)) / 2;
        assertThat(Duration.between(failed, retried).toMillis())
                .as("backoff before attempt %d", afterAttempt + 1)
                .isGreaterThanOrEqualTo(minimum);
    }
}
