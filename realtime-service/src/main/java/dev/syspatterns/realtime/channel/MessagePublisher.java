package dev.syspatterns.realtime.channel;

import dev.syspatterns.realtime.RealtimeProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing, whoever publishes (HTTP, a socket, an ingested event): the shared sequencer assigns the offset
 * and stores history first, then the message goes to Kafka keyed by channel, which every instance consumes
 * to push it to its own subscribers. History is written before Kafka, so a subscriber that sees a gap in
 * offsets can always fill it from history.
 */
@Component
public class MessagePublisher {

    private static final Logger log = LoggerFactory.getLogger(MessagePublisher.class);

    private final ChannelLog channelLog;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final String topic;
    private final int maxPayloadBytes;

    MessagePublisher(
            ChannelLog channelLog,
            KafkaTemplate<String, String> kafka,
            JsonMapper json,
            MeterRegistry meters,
            RealtimeProperties properties) {
        this.channelLog = channelLog;
        this.kafka = kafka;
        this.json = json;
        this.meters = meters;
        this.topic = properties.messagesTopic();
        this.maxPayloadBytes = properties.maxPayloadBytes();
    }

    /**
     * Validates, sequences and fans out one message.
     *
     * @param source who published, for metrics: {@code http}, {@code websocket}, or the ingested topic
     */
    public ChannelMessage publish(String channel, JsonNode data, String source) {
        return publish(channel, data, source, null);
    }

    /**
     * As {@link #publish(String, JsonNode, String)}, at most once per {@code sourceId}: a redelivered source
     * record yields the message it already became (sent to the fan-out again, which subscribers drop by offset).
     */
    public ChannelMessage publish(String channel, JsonNode data, String source, String sourceId) {
        ChannelName.require(channel);
        String serialized = json.writeValueAsString(data);
        int size = serialized.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxPayloadBytes) {
            throw new PayloadTooLarge(size, maxPayloadBytes);
        }
        ChannelMessage message = channelLog.append(channel, data, serialized, sourceId);
        kafka.send(topic, channel, json.writeValueAsString(message)).whenComplete((result, failure) -> {
            if (failure != null) {
                // The message is in history: pollers and reconnecting clients still get it, and live
                // subscribers fill the gap from history when the channel's next message reaches them.
                meters.counter("realtime.fanout.send.failures").increment();
                log.warn("Fan-out of {}#{} to Kafka failed", channel, message.offset(), failure);
            }
        });
        meters.counter("realtime.messages.published", "source", source).increment();
        return message;
    }
}
