package dev.syspatterns.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.testsupport.Infrastructure;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
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
        try (KafkaConsumer<String, String> topic = consumerAtTheEndOf("realtime.messages")) {
            HttpResponse<String> published = RealtimeHttp.CLIENT.send(
                    HttpRequest.newBuilder(http.uri("/api/realtime/channels/" + channel + "/messages"))
                            .header("Content-Type", "application/json")
                            .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"traced\":true}}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(published.statusCode()).isEqualTo(202);

            String traceparent = traceparentOfTheRecordFor(topic, channel);
            assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(traceparent.split("-")[1]).as("the caller's trace").isEqualTo(traceId);
            assertThat(traceparent.split("-")[2])
                    .as("a span of the service's own")
                    .isNotEqualTo(callerSpan);
        }
    }

    private static KafkaConsumer<String, String> consumerAtTheEndOf(String topicName) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG,
                "trace-test-" + UUID.randomUUID(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topicName).stream()
                .map(p -> new TopicPartition(topicName, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fix the end now, before the publish
        return consumer;
    }

    private static String traceparentOfTheRecordFor(KafkaConsumer<String, String> topic, String key) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : topic.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    Header header = record.headers().lastHeader("traceparent");
                    assertThat(header).as("traceparent header on " + record).isNotNull();
                    return new String(header.value(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no record for " + key + " within 30 s");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
