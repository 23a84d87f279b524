package dev.syspatterns.inventory.outbox;

import dev.syspatterns.inventory.InventoryProperties;
import dev.syspatterns.tracing.StoredTraceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to Kafka, oldest first, and deletes them once the broker acknowledged them.
 *
 * <p>Delivery is at least once: a crash after the send and before the delete sends the batch again, so consumers
 * must tolerate duplicates (a {@code StockChanged} carries the row version for that). A transaction-scoped
 * advisory lock lets only one instance relay at a time, which keeps the per-product order that the Kafka key
 * promises; {@code SKIP LOCKED} batches across instances would let a later event overtake an earlier one.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    // one relay at a time across instances (package-private: a test holds it to play a relay that is down)
    static final long RELAY_LOCK_ID = 0x1_0b0c5L;

    private record Row(long id, String topic, String key, String payload, String traceparent) {}

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final KafkaTemplate<String, String> kafka;
    private final InventoryProperties.Outbox properties;
    private final StoredTraceContext traces;
    private volatile ScheduledExecutorService scheduler;

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate tx,
            KafkaTemplate<String, String> kafka,
            InventoryProperties properties,
            StoredTraceContext traces) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.kafka = kafka;
        this.properties = properties.outbox();
        this.traces = traces;
    }

    /** Relays one batch; returns how many events were sent. */
    int relayBatch() {
        Integer sent = tx.execute(status -> {
            boolean mine = jdbc.sql("select pg_try_advisory_xact_lock(?)")
                    .param(RELAY_LOCK_ID)
                    .query(Boolean.class)
                    .single();
            if (!mine) {
                return 0;
            }
            List<Row> rows = jdbc.sql(
                            "select id, topic, event_key, payload, traceparent from outbox_event order by id limit ?")
                    .param(properties.batchSize())
                    .query((rs, n) ->
                            new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>();
            for (Row row : rows) {
                // sent in the trace of the request that wrote the row: the record's traceparent continues it
                acks.add(traces.continueIn(
                        row.traceparent(), "outbox relay", () -> kafka.send(row.topic(), row.key(), row.payload())));
            }
            // a failed or slow send throws and rolls back: the rows stay and go out on the next tick
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .orTimeout(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .join();
            jdbc.sql("delete from outbox_event where id in (:ids)")
                    .param("ids", rows.stream().map(Row::id).toList())
                    .update();
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void tick() {
        try {
            while (relayBatch() == properties.batchSize()) {
                // a full batch means more are waiting: keep going without waiting for the next tick
            }
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            log.warn(
                    "Outbox relay failed, the events stay in the outbox and go out on a later tick: {}",
                    root.toString());
        }
    }

    @Override
    public void start() {
        if (!properties.relayEnabled()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-relay").daemon().factory());
        long period = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = scheduler;
        scheduler = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
