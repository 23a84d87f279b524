package dev.syspatterns.media.outbox;

import dev.syspatterns.tracing.StoredTraceContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records an event in the caller's transaction. It commits or rolls back with the state change it
 * announces; {@link OutboxRelay} sends it to Kafka afterwards.
 */
@Component
public class Outbox {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final StoredTraceContext traces;

    Outbox(JdbcClient jdbc, JsonMapper json, StoredTraceContext traces) {
        this.jdbc = jdbc;
        this.json = json;
        this.traces = traces;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void append(String topic, String key, Object event) {
        jdbc.sql("""
                        INSERT INTO outbox (topic, message_key, payload, traceparent)
                        VALUES (:topic, :key, :payload, :traceparent)
                        """)
                .param("topic", topic)
                .param("key", key)
                .param("payload", json.writeValueAsString(event))
                // the relay sends the event in the trace of the request that caused it
                .param("traceparent", traces.capture())
                .update();
    }
}
