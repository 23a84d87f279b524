package dev.syspatterns.media;

import dev.syspatterns.events.Topics;
import dev.syspatterns.testsupport.Infrastructure;
import dev.syspatterns.testsupport.TopicTail;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Watches the MediaUploaded topic from "now" on: partitions are assigned and positioned at their end
 * before the test acts, so only records produced afterwards are seen.
 */
public final class MediaUploadedProbe implements AutoCloseable {

    private final TopicTail topic;

    public MediaUploadedProbe() {
        ensureTopic();
        topic = TopicTail.of(Topics.MEDIA_UPLOADED);
    }

    /** The topic appears with the first event; a probe that starts before any event must not find nothing. */
    private static void ensureTopic() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.get().kafka().bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.MEDIA_UPLOADED, Optional.empty(), Optional.empty())))
                    .all()
                    .get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first record keyed {@code key}, waiting up to {@code timeout}. */
    public Optional<ConsumerRecord<String, String>> awaitKey(String key, Duration timeout) {
        return topic.first(record -> key.equals(record.key()), timeout);
    }

    /**
     * Every record keyed {@code key}, from every polled batch: waits up to {@code firstWithin} for the first,
     * then watches {@code andThen} longer for more (empty if none came in time).
     */
    public List<ConsumerRecord<String, String>> allWithKey(String key, Duration firstWithin, Duration andThen) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(firstWithin);
        boolean sawFirst = false;
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : topic.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    found.add(record);
                }
            }
            if (!sawFirst && !found.isEmpty()) {
                sawFirst = true;
                deadline = Instant.now().plus(andThen);
            }
        }
        return found;
    }

    @Override
    public void close() {
        topic.close();
    }
}
