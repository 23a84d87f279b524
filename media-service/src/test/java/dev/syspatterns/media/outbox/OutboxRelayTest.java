package dev.syspatterns.media.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.syspatterns.events.MediaUploaded;
import dev.syspatterns.events.Topics;
import dev.syspatterns.media.MediaServiceTest;
import dev.syspatterns.media.MediaUploadedProbe;
import dev.syspatterns.testsupport.TopicTail;
import dev.syspatterns.tracing.StoredTraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox: events commit with their state change and reach Kafka even if the sender died in between. */
@MediaServiceTest
class OutboxRelayTest {

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StoredTraceContext traces;

    @Test
    void anEventCommittedButNeverSentIsPublishedByTheRelay() throws InterruptedException {
        try (MediaUploadedProbe probe = new MediaUploadedProbe()) {
            // given an event committed by an instance that crashed before sending it (the row is all it left)
            String mediaId = UUID.randomUUID().toString();
            tx.executeWithoutResult(status -> outbox.append(
                    Topics.MEDIA_UPLOADED,
                    mediaId,
                    MediaUploaded.of(mediaId, "test-media", "private/" + mediaId + "/blob", "image/png", 1)));

            // then the relay publishes it, keyed by the media id, and marks it sent
            assertThat(probe.awaitKey(mediaId, Duration.ofSeconds(20))).isPresent();
            // (the mark commits just after the send, so it may trail the record by a moment)
            assertThat(publishedWithin(mediaId, Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void theRelayedEventContinuesTheTraceOfTheTransactionThatWroteIt() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4737";
        try (MediaUploadedProbe probe = new MediaUploadedProbe()) {
            // given an event written inside a request's trace (as an upload completion is)
            String mediaId = UUID.randomUUID().toString();
            traces.runIn(
                    "00-" + traceId + "-00f067aa0ba902b7-01",
                    "upload completion",
                    () -> tx.executeWithoutResult(status -> outbox.append(
                            Topics.MEDIA_UPLOADED,
                            mediaId,
                            MediaUploaded.of(mediaId, "test-media", "private/" + mediaId + "/blob", "image/png", 1))));

            // then the record the relay sends later, from its own thread, is part of that trace
            ConsumerRecord<String, String> record =
                    probe.awaitKey(mediaId, Duration.ofSeconds(20)).orElseThrow();
            String traceparent = TopicTail.header(record, "traceparent");
            assertThat(traceparent).as("traceparent header").isNotNull();
            assertThat(traceparent).startsWith("00-" + traceId + "-");
        }
    }

    private boolean publishedWithin(String key, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (jdbc.sql("SELECT published_at IS NOT NULL FROM outbox WHERE message_key = :key")
                    .param("key", key)
                    .query(Boolean.class)
                    .single()) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void anEventWhoseTransactionRollsBackIsNeverRecorded() {
        String mediaId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                    outbox.append(
                            Topics.MEDIA_UPLOADED,
                            mediaId,
                            MediaUploaded.of(mediaId, "test-media", "k", "image/png", 1));
                    throw new IllegalStateException("the state change failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = :key")
                        .param("key", mediaId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void appendingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.append(Topics.MEDIA_UPLOADED, "x", "{}"))
                .hasMessageContaining("transaction");
    }
}
