package dev.syspatterns.media.outbox;

import dev.syspatterns.media.MediaProperties;
import dev.syspatterns.tracing.StoredTraceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka in id order and marks them sent. Rows are locked with SKIP LOCKED, so
 * several instances relay without sending a row twice at the same time; a crash after the send but before
 * the mark sends it again on the next poll: delivery is at least once, and consumers key on the media id.
 */
@Component
class OutboxRelay implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final KafkaTemplate<String, String> kafka;
    private final TransactionTemplate tx;
    private final Duration pollInterval;
    private final Duration retention;
    private final StoredTraceContext traces;

    OutboxRelay(
            JdbcClient jdbc,
            KafkaTemplate<String, String> kafka,
            TransactionTemplate tx,
            MediaProperties properties,
            StoredTraceContext traces) {
        this.jdbc = jdbc;
        this.traces = traces;
        this.pollInterval = properties.outboxPollInterval();
        this.retention = properties.outboxRetention();
        this.kafka = kafka;
        this.tx = tx;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(this::relay, pollInterval);
        registrar.addFixedDelayTask(this::purgePublished, Duration.ofHours(1));
    }

    /** Published rows have done their job; without a purge the table only grows. */
    void purgePublished() {
        try {
            jdbc.sql("DELETE FROM outbox WHERE published_at < :before")
                    .param("before", Timestamp.from(Instant.now().minus(retention)))
                    .update();
        } catch (RuntimeException e) {
            log.warn("purging published outbox rows failed, will retry: {}", e.getMessage());
        }
    }

    void relay() {
        try {
            Integer sent;
            do {
                sent = tx.execute(status -> publishBatch());
            } while (sent != null && sent == BATCH);
        } catch (RuntimeException e) {
            // The rows stay unpublished and the next poll tries again; Kafka being away must not stop the app.
            log.warn("outbox relay could not publish, will retry: {}", e.getMessage());
        }
    }

    private int publishBatch() {
        List<Row> rows = jdbc.sql("""
                SELECT id, topic, message_key, payload, traceparent FROM outbox WHERE published_at IS NULL
                ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED
                """).param("limit", BATCH).query(Row.class).list();
        for (Row row : rows) {
            send(row);
            jdbc.sql("UPDATE outbox SET published_at = :at WHERE id = :id")
                    .param("at", Timestamp.from(Instant.now()))
                    .param("id", row.id())
                    .update();
        }
        return rows.size();
    }

    private void send(Row row) {
        try {
            // in the trace of the request that wrote the row: the record's traceparent continues it
            traces.continueIn(
                            row.traceparent(),
                            "outbox relay",
                            () -> kafka.send(row.topic(), row.messageKey(), row.payload()))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing outbox row " + row.id(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publishing outbox row " + row.id() + " failed", e);
        }
    }

    record Row(long id, String topic, String messageKey, String payload, String traceparent) {}
}
