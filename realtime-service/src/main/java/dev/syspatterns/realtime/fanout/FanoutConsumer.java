package dev.syspatterns.realtime.fanout;

import dev.syspatterns.realtime.RealtimeProperties;
import dev.syspatterns.realtime.channel.ChannelMessage;
import dev.syspatterns.realtime.presence.PresenceRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every instance reads the whole realtime topic and pushes each message to its own subscribers.
 *
 * <p>A plain consumer with manual assignment of all partitions and no consumer group: each instance must see
 * every message (unlike a group, where partitions are shared out), it needs no committed offsets (history
 * lives in Redis), and an instance that leaves causes no rebalance. It starts at the end of each partition
 * and only reports ready (health component {@code fanout}, part of readiness) once its positions are
 * resolved, so a load balancer never sends it a client before it can hear that client's messages.
 */
@Component("fanout")
class FanoutConsumer implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(FanoutConsumer.class);
    private static final Duration PARTITION_CHECK = Duration.ofSeconds(30);

    private final ConsumerFactory<String, String> consumers;
    private final LocalSubscribers subscribers;
    private final JsonMapper json;
    private final String topic;
    private final String clientId;
    private volatile boolean running;
    private volatile boolean positioned;
    private volatile Consumer<String, String> consumer;
    private Thread thread;

    FanoutConsumer(
            ConsumerFactory<String, String> consumers,
            LocalSubscribers subscribers,
            JsonMapper json,
            PresenceRegistry presence,
            RealtimeProperties properties) {
        this.consumers = consumers;
        this.subscribers = subscribers;
        this.json = json;
        this.topic = properties.messagesTopic();
        this.clientId = "realtime-fanout-" + presence.instanceId().substring(0, 8);
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("realtime-fanout").daemon().start(this::consume);
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public Health health() {
        return positioned
                ? Health.up().withDetail("topic", topic).build()
                : Health.outOfService()
                        .withDetail("topic", topic)
                        .withDetail("reason", "not yet positioned at the end of the realtime topic")
                        .build();
    }

    private void consume() {
        while (running) {
            Properties overrides = new Properties();
            overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            try (Consumer<String, String> kafka = consumers.createConsumer(null, clientId, null, overrides)) {
                consumer = kafka;
                Set<TopicPartition> assigned = new HashSet<>(partitions(kafka));
                kafka.assign(assigned);
                kafka.seekToEnd(assigned);
                assigned.forEach(kafka::position); // resolves the end offsets now, not at the first poll
                positioned = true;
                long nextCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                while (running) {
                    for (ConsumerRecord<String, String> record : kafka.poll(Duration.ofMillis(500))) {
                        dispatch(record);
                    }
                    if (System.nanoTime() > nextCheck) {
                        nextCheck = System.nanoTime() + PARTITION_CHECK.toNanos();
                        addNewPartitions(kafka, assigned);
                    }
                }
            } catch (WakeupException e) {
                // stop() asked us to leave the poll
            } catch (RuntimeException e) {
                positioned = false;
                log.warn("Fan-out consumer failed; reconnecting (local subscribers fill gaps from history)", e);
                pause();
            } finally {
                consumer = null;
            }
        }
        positioned = false;
    }

    private void dispatch(ConsumerRecord<String, String> record) {
        try {
            subscribers.dispatch(json.readValue(record.value(), ChannelMessage.class));
        } catch (RuntimeException e) {
            log.warn("Skipping unreadable realtime message at {}-{}@{}", topic, record.partition(), record.offset(), e);
        }
    }

    private List<TopicPartition> partitions(Consumer<String, String> kafka) {
        List<TopicPartition> result = new ArrayList<>();
        kafka.partitionsFor(topic).forEach(p -> result.add(new TopicPartition(topic, p.partition())));
        if (result.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " has no partitions yet");
        }
        return result;
    }

    // Partitions added to the topic later hold only messages newer than our start: read them from the beginning.
    private void addNewPartitions(Consumer<String, String> kafka, Set<TopicPartition> assigned) {
        List<TopicPartition> added =
                partitions(kafka).stream().filter(p -> !assigned.contains(p)).toList();
        if (!added.isEmpty()) {
            assigned.addAll(added);
            kafka.assign(assigned);
            kafka.seekToBeginning(added);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
