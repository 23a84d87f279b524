package dev.syspatterns.inventory.outbox;

import dev.syspatterns.tracing.StoredTraceContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an event into the outbox table inside the caller's transaction: the event exists if and only if the
 * change it describes committed, so a crash between commit and the Kafka send loses nothing
 * ({@link OutboxRelay} sends it later).
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
        jdbc.sql("insert into outbox_event (topic, event_key, payload, traceparent) values (?, ?, ?, ?)")
                .params(topic, key, json.writeValueAsString(event), traces.capture())
                .update();
    }
}
