package dev.syspatterns.inventory.replica;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syspatterns.inventory.InventoryProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends read-only work to the streaming replica and everything else stays on the primary.
 *
 * <ul>
 *   <li>Read-your-writes: a read that carries the client's last {@link WritePosition} goes to the replica only
 *       if the replica has replayed past that position, otherwise to the primary.
 *   <li>Failover: when the replica cannot be reached the read is answered by the primary, and reads skip the
 *       replica for {@code retry-after} so each one does not pay a connection timeout.
 * </ul>
 *
 * The choice is explicit per read (rather than a routing DataSource keyed on read-only transactions) so the
 * caller learns which database answered and can say so in {@code X-Read-Source}.
 */
@Component
public class ReplicaRouting implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReplicaRouting.class);

    private final JdbcClient primary;
    private final HikariDataSource replicaPool;
    private final JdbcClient replica;
    private final InventoryProperties.Replica properties;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private volatile Instant skipReplicaUntil = Instant.MIN;

    ReplicaRouting(JdbcClient primary, InventoryProperties properties, MeterRegistry meters) {
        this.primary = primary;
        this.properties = properties.replica();
        this.meters = meters;
        this.replicaPool = new HikariDataSource(replicaConfig(this.properties));
        this.replica = JdbcClient.create(replicaPool);
    }

    private static HikariConfig replicaConfig(InventoryProperties.Replica p) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("replica");
        config.setJdbcUrl(p.url());
        config.setUsername(p.username());
        config.setPassword(p.password());
        config.setReadOnly(true);
        config.setMaximumPoolSize(p.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(p.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.max(250, p.connectionTimeout().toMillis() / 2));
        // start even when the replica is down: reads fall back to the primary until it is back
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty(
                "connectTimeout", Math.max(1, p.connectionTimeout().toSeconds()));
        config.addDataSourceProperty("socketTimeout", 30);
        return config;
    }

    /** Runs {@code query} on the replica when it may answer, on the primary otherwise. */
    public <T> Routed<T> read(Optional<WritePosition> after, Function<JdbcClient, T> query) {
        return read(after, query, answer -> false);
    }

    /**
     * Like {@link #read(Optional, Function)}, but a replica answer for which {@code mayBeLag} holds (typically
     * "not found": the row may have been created a moment ago) is checked again on the primary.
     */
    public <T> Routed<T> read(Optional<WritePosition> after, Function<JdbcClient, T> query, Predicate<T> mayBeLag) {
        if (clock.instant().isAfter(skipReplicaUntil)) {
            try {
                if (after.isEmpty() || hasReplayed(after.get())) {
                    T answer = query.apply(replica);
                    if (!mayBeLag.test(answer)) {
                        return served(answer, ReadSource.REPLICA);
                    }
                }
            } catch (DataAccessResourceFailureException e) {
                skipReplicaUntil = clock.instant().plus(properties.retryAfter());
                log.warn(
                        "Replica unreachable, reads go to the primary for {}: {}",
                        properties.retryAfter(),
                        e.getMessage());
            } catch (DataAccessException e) {
                // e.g. a query cancelled by a recovery conflict on the replica: the primary can still answer
                log.info("Replica could not answer, asking the primary: {}", e.getMessage());
            }
        }
        return served(query.apply(primary), ReadSource.PRIMARY);
    }

    private boolean hasReplayed(WritePosition position) {
        Boolean replayed = replica.sql("select pg_last_wal_replay_lsn() >= cast(? as pg_lsn)")
                .param(position.lsn())
                .query(Boolean.class)
                .optional()
                .orElse(null);
        return Boolean.TRUE.equals(replayed);
    }

    private <T> Routed<T> served(T value, ReadSource source) {
        meters.counter("inventory.reads", "source", source.headerValue()).increment();
        return new Routed<>(value, source);
    }

    /** The replica's replay position, asked live (for health); throws when it is unreachable. */
    String replayPosition() {
        return replica.sql("select coalesce(pg_last_wal_replay_lsn()::text, 'not a replica')")
                .query(String.class)
                .single();
    }

    boolean skippingReplica() {
        return clock.instant().isBefore(skipReplicaUntil);
    }

    @Override
    public void destroy() {
        replicaPool.close();
    }
}
