package dev.syspatterns.jobs.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.events.Topics;
import dev.syspatterns.jobs.JobsApi;
import dev.syspatterns.jobs.JobsIntegrationTest;
import dev.syspatterns.testsupport.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every status change and progress step of a job reaches Kafka, keyed by job id, in the order it happened, and
 * all of them in the trace of the request that submitted the job, though a worker sent most of them later.
 */
@JobsIntegrationTest
class JobUpdatedEventsTest {

    @Value("${local.server.port}")
    int port;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void progressEventsArriveOnKafkaInOrder() {
        // given a reader positioned at the end of every partition of the topic
        try (TopicTail consumer = TopicTail.of(Topics.JOB_UPDATED)) {
            // when a job with four progress steps is submitted in a trace, and runs
            String traceId = "0af7651916cd43dd8448eb211c80319d";
            JobsApi.Response submitted = new JobsApi(port)
                    .submit(
                            "{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":400,\"steps\":4}}",
                            null,
                            "00-" + traceId + "-b7ad6b7169203331-01");
            assertThat(submitted.status()).isEqualTo(202);
            UUID id = UUID.fromString(submitted.body().get("id").stringValue());

            // then its events arrive in order: queued, running, each step, succeeded
            List<JsonNode> events = new ArrayList<>();
            List<String> traceparents = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)
                    && (events.isEmpty()
                            || !"SUCCEEDED"
                                    .equals(events.getLast().get("status").stringValue()))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(id.toString())) {
                        events.add(json.readTree(record.value()));
                        traceparents.add(TopicTail.header(record, "traceparent"));
                    }
                }
            }
            assertThat(events)
                    .extracting(e -> e.get("status").stringValue() + " "
                            + e.get("progress").asInt())
                    .containsExactly(
                            "QUEUED 0",
                            "RUNNING 0",
                            "RUNNING 25",
                            "RUNNING 50",
                            "RUNNING 75",
                            "RUNNING 100",
                            "SUCCEEDED 100");
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("channel").stringValue()).isEqualTo("job." + id);
                assertThat(e.get("type").stringValue()).isEqualTo("demo.sleep");
            });
            // the submit's own event and the worker's (claimed from the queue table later) share the trace
            assertThat(traceparents).hasSize(7).allSatisfy(t -> assertThat(t).startsWith("00-" + traceId + "-"));
        }
    }
}
