package dev.syspatterns.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one Kafka topic from where it ends now: a test opens it before it acts and then sees only what came
 * after, not what other tests left on the shared broker. No consumer group: every partition is assigned, and
 * the end offsets are resolved on opening (a seek is lazy otherwise), so a record written right after
 * {@link #of} is never skipped.
 */
public final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    private TopicTail(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
    }

    /** The topic on the test infrastructure's Kafka. */
    public static TopicTail of(String topic) {
        return of(Infrastructure.get().kafka().bootstrapServers(), topic);
    }

    public static TopicTail of(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "topic-tail-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return new TopicTail(consumer);
    }

    /** What arrived within {@code timeout} (possibly nothing). */
    public List<ConsumerRecord<String, String>> poll(Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        consumer.poll(timeout).forEach(records::add);
        return records;
    }

    /** The first record that {@code matches}, waiting at most {@code timeout}. */
    public Optional<ConsumerRecord<String, String>> first(
            Predicate<ConsumerRecord<String, String>> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (matches.test(record)) {
                    return Optional.of(record);
                }
            }
        }
        return Optional.empty();
    }

    /** The records with {@code key}, in arrival order, once {@code count} have come or {@code timeout} has passed. */
    public List<ConsumerRecord<String, String>> withKey(String key, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (found.size() < count && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    /** The last value of header {@code name} on {@code record} as text, or null if it has none. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
