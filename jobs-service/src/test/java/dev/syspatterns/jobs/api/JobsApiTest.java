package dev.syspatterns.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.jobs.JobsApi;
import dev.syspatterns.jobs.JobsIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Submitting, idempotency, cancellation, delayed jobs and bad input, over HTTP. */
@JobsIntegrationTest
class JobsApiTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    JobsApi api() {
        return new JobsApi(port);
    }

    @Test
    void acceptsAJobAtOnceAndRunsItInTheBackground() {
        JobsApi.Response accepted =
                api().submit("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":200,\"steps\":2}}", null);

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.body().get("status").stringValue()).isEqualTo("QUEUED");
        String id = accepted.body().get("id").stringValue();
        assertThat(accepted.body().get("statusUrl").stringValue()).isEqualTo("/api/jobs/" + id);

        JsonNode done = api().awaitStatus(UUID.fromString(id), "SUCCEEDED", Duration.ofSeconds(20));
        assertThat(done.get("progress").asInt()).isEqualTo(100);
        assertThat(done.get("result").get("steps").asInt()).isEqualTo(2);
    }

    @Test
    void sameIdempotencyKeyReturnsTheSameJob() {
        String key = "order-" + UUID.randomUUID();
        String body = "{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":10}}";

        JobsApi.Response first = api().submit(body, key);
        JobsApi.Response again = api().submit(body, key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(first.header()).isEqualTo("false");
        assertThat(again.header()).isEqualTo("true");
        assertThat(jobsWithKey(key)).isEqualTo(1);
    }

    @Test
    void findsAJobByItsIdempotencyKey() {
        String key = "report-" + UUID.randomUUID();
        JobsApi.Response submitted = api().submit("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":10}}", key);

        JobsApi.Response found = api().get("/api/jobs/by-idempotency-key/" + key);

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("id")).isEqualTo(submitted.body().get("id"));
        assertThat(found.body().get("type").stringValue()).isEqualTo("demo.sleep");
    }

    @Test
    void aKeyNoJobWasSubmittedWithIsA404Problem() {
        JobsApi.Response missing = api().get("/api/jobs/by-idempotency-key/never-" + UUID.randomUUID());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.body().get("detail").stringValue()).contains("never-");
    }

    @Test
    void sameIdempotencyKeyWithADifferentRequestIsRefused() {
        String key = "order-" + UUID.randomUUID();
        api().submit("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":10}}", key);

        JobsApi.Response reused = api().submit("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":99}}", key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(jobsWithKey(key)).isEqualTo(1);
    }

    @Test
    void cancelPreventsAQueuedJobFromRunning() throws InterruptedException {
        // given a job queued to run a few seconds from now (time enough to cancel it on a busy machine: submit
        // and cancel each wait for Kafka)
        Instant runAt = Instant.now().plusSeconds(4);
        UUID id = api().submitted(
                        "{\"type\":\"demo.sleep\",\"runAt\":\"" + runAt + "\",\"payload\":{\"durationMs\":10}}");

        // when it is cancelled before it runs
        JobsApi.Response cancelled = api().post("/api/jobs/" + id + "/cancel");
        assertThat(cancelled.status()).isEqualTo(202);
        assertThat(cancelled.body().get("status").stringValue()).isEqualTo("CANCELLED");

        // then, well past its run time, it has never run
        Thread.sleep(Math.max(
                0, Duration.between(Instant.now(), runAt).plusSeconds(1).toMillis()));
        JsonNode job = api().job(id);
        assertThat(job.get("status").stringValue()).isEqualTo("CANCELLED");
        assertThat(job.get("attempts").asInt()).isZero();
        assertThat(api().get("/api/jobs/" + id + "/attempts").body()).isEmpty();
        // and cancelling it again is a conflict
        assertThat(api().post("/api/jobs/" + id + "/cancel").status()).isEqualTo(409);
    }

    @Test
    void cancelStopsARunningJobCooperatively() {
        UUID id = api().submitted("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":6000,\"steps\":30}}");
        api().awaitJob(id, Duration.ofSeconds(15), job -> job.get("progress").asInt() > 0);

        JobsApi.Response cancel = api().post("/api/jobs/" + id + "/cancel");

        assertThat(cancel.status()).isEqualTo(202);
        assertThat(cancel.body().get("cancelRequested").asBoolean()).isTrue();
        JsonNode job = api().awaitStatus(id, "CANCELLED", Duration.ofSeconds(10));
        assertThat(job.get("progress").asInt()).isLessThan(100);
        assertThat(jdbc.sql("select count(*) from demo_effects where job_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void delayedJobDoesNotStartBeforeItsRunAt() {
        Instant runAt = Instant.now().plusMillis(1500);
        UUID id = api().submitted(
                        "{\"type\":\"demo.sleep\",\"runAt\":\"" + runAt + "\",\"payload\":{\"durationMs\":10}}");

        JsonNode done = api().awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(15));

        Instant started = Instant.parse(done.get("timestamps").get("startedAt").stringValue());
        assertThat(started).isAfterOrEqualTo(runAt);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "unknown type         | {\"type\":\"no.such.job\",\"payload\":{}}                         | 'no.such.job'",
                "missing type         | {\"payload\":{}}                                                 | 'Invalid request: type '",
                "payload not object   | {\"type\":\"demo.sleep\",\"payload\":[1,2]}                       | 'payload must'",
                "invalid payload      | {\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":\"long\"}}    | durationMs",
                "failure rate too big | {\"type\":\"demo.sleep\",\"payload\":{\"failureRate\":2}}         | failureRate",
                "bad maxAttempts      | {\"type\":\"demo.sleep\",\"maxAttempts\":0}                       | 'Invalid request: maxAttempts '",
                "media without key    | {\"type\":\"media.process\",\"payload\":{\"bucket\":\"b\"}}       | 'key must'",
                "not json             | {\"type\":                                                       | 'could not be read'"
            })
    void badInputIsA400ProblemAndEnqueuesNothing(String name, String body, String named) {
        String key = "bad-" + UUID.randomUUID();

        JobsApi.Response refused = api().submit(body, key);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // the detail names what is wrong (every problem+json has fields such as "type", so the whole body would not do)
        assertThat(refused.body().get("detail").stringValue()).contains(named);
        assertThat(jobsWithKey(key)).isZero();
    }

    @Test
    void listingByAStatusThatDoesNotExistIsA400Problem() {
        JobsApi.Response refused = api().get("/api/jobs?status=LOST");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    @Test
    void unknownJobIsA404Problem() {
        JobsApi.Response missing = api().get("/api/jobs/" + UUID.randomUUID());

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    private long jobsWithKey(String key) {
        return jdbc.sql("select count(*) from jobs where idempotency_key = :key")
                .param("key", key)
                .query(Long.class)
                .single();
    }
}
