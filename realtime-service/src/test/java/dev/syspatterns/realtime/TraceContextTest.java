package dev.syspatterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.testsupport.TopicTail;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A publish that arrives with W3C trace context (as the gateway sends it) continues that trace: the record
 * the service writes to the fan-out topic carries a {@code traceparent} header with the caller's trace id
 * and a span of the service's own.
 */
class TraceContextTest extends RealtimeIntegrationTest {

    @Test
    void aPublishCarriesTheCallersTraceIntoTheKafkaRecord() throws Exception {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String callerSpan = HexFormat.of().formatHex(randomBytes(8));
        String channel = RealtimeHttp.uniqueChannel("traced");
        try (TopicTail topic = TopicTail.of("realtime.messages")) {
            HttpResponse<String> published = RealtimeHttp.CLIENT.send(
                    HttpRequest.newBuilder(http.uri("/api/realtime/channels/" + channel + "/messages"))
                            .header("Content-Type", "application/json")
                            .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"traced\":true}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).isEqualTo(202);

            ConsumerRecord<String, String> record = topic.first(r -> channel.equals(r.key()), Duration.ofSeconds(30))
                    .orElseThrow(() -> new AssertionError("no record for " + channel + " within 30 s"));
            String traceparent = TopicTail.header(record, "traceparent");
            assertThat(traceparent).as("traceparent header on " + record).isNotNull();
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(traceparent.split("-")[1]).as("the caller's trace").isEqualTo(traceId);
            assertThat(traceparent.split("-")[2])
                    .as("a span of the service's own")
                    .isNotEqualTo(callerSpan);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
