package dev.syspatterns.geo.sharding;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syspatterns.geo.GeoProperties;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The shard databases that hold location pings and the ring that maps a driver to one of them.
 *
 * <p>Each shard gets its own small pool and its own Flyway run of {@code db/shard}, as if it were a separate
 * server (in compose or Kubernetes it can be). The pools are deliberately not {@code DataSource} beans: the
 * application's one {@code DataSource} (places, JPA, Flyway of {@code db/migration}) stays Boot's.
 */
@Component
public class Shards implements DisposableBean {

    private final List<HikariDataSource> pools = new ArrayList<>();
    private final ConsistentHashRing<Shard> ring;

    Shards(GeoProperties properties) {
        List<Shard> shards = new ArrayList<>();
        List<GeoProperties.Shard> configured = properties.shards();
        for (int i = 0; i < configured.size(); i++) {
            GeoProperties.Shard config = configured.get(i);
            HikariDataSource pool = pool(config);
            pools.add(pool);
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/shard")
                    .load()
                    .migrate();
            shards.add(new Shard(i, config.name(), new JdbcTemplate(pool)));
        }
        this.ring = new ConsistentHashRing<>(shards, Shard::name, properties.virtualNodesPerShard());
    }

    /** The one shard that holds every ping of {@code driverId}. */
    public Shard shardFor(String driverId) {
        return ring.nodeFor(driverId);
    }

    public List<Shard> all() {
        return ring.nodes();
    }

    @Override
    public void destroy() {
        pools.forEach(HikariDataSource::close);
    }

    private static HikariDataSource pool(GeoProperties.Shard config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("geo-" + config.name());
        hikari.setJdbcUrl(config.url());
        hikari.setUsername(config.username());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.poolSize());
        hikari.setMinimumIdle(1);
        // While a shard is down the writer should fail fast and back off, not hang on the pool for 30 s.
        hikari.setConnectionTimeout(config.connectionTimeout().toMillis());
        return new HikariDataSource(hikari);
    }
}
