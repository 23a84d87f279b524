package dev.syspatterns.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pattern 2 through the front door: 202 at once, then live progress on the job's channel until it succeeds. */
class JobProgressTest {

    private final Gateway gateway = new Gateway();

    @Test
    void aJobSubmittedThroughTheGatewayReportsOrderedProgressOnItsChannelAndSucceeds() {
        // given a client of its own
        String token = gateway.token(Gateway.unique("e2e-jobs"));

        // when it submits a four-step job
        var submitted = gateway.postJson(
                "/api/jobs", token, Map.of("type", "demo.sleep", "payload", Map.of("durationMs", 2_000, "steps", 4)));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        String jobId = Gateway.json(submitted).get("id").asString();

        // then its channel carries every change in order, from the first (since=0 resumes what happened before
        // the subscription), ending in SUCCEEDED, and each change exactly once: jobs-service sends one record per
        // change (an idempotent producer), and realtime-service turns a record Kafka hands it again into the
        // message it already became, not a second one
        try (var updates = RealtimeSubscriber.sse(gateway.client(), token, "job." + jobId, 0)) {
            List<String> changes = updates
                    .awaitMessage(data -> "SUCCEEDED".equals(data.path("status").asString()), Duration.ofSeconds(60))
                    .stream()
                    .map(data -> data.get("status").asString() + " "
                            + data.get("progress").asInt())
                    .toList();
            assertThat(updates.offsets())
                    .as("offsets delivered")
                    .doesNotHaveDuplicates()
                    .isSorted();
            assertThat(changes)
                    .containsExactly(
                            "QUEUED 0",
                            "RUNNING 0",
                            "RUNNING 25",
                            "RUNNING 50",
                            "RUNNING 75",
                            "RUNNING 100",
                            "SUCCEEDED 100");
        }
        var job = Gateway.json(gateway.get("/api/jobs/" + jobId, token));
        assertThat(job.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.get("progress").asInt()).isEqualTo(100);
        assertThat(job.get("attempts").asInt()).isEqualTo(1);
    }
}
