package dev.syspatterns.geo;

import dev.syspatterns.testsupport.Endpoints;
import dev.syspatterns.testsupport.Infrastructure;
import dev.syspatterns.testsupport.TcpProxy;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The four test shard databases ({@code test_geo_shard_0..3}), each reached by the service through its own
 * loopback {@link TcpProxy}, so a test can take "the database" away without stopping the shared PostgreSQL.
 * Tests read the shards directly (not through the proxies) to check what was stored.
 */
public final class TestShards {

    public static final int COUNT = 4;

    private static final List<TcpProxy> PROXIES = IntStream.range(0, COUNT)
            .mapToObj(i -> {
                Endpoints.Postgres pg = Infrastructure.get().postgres();
                Infrastructure.get().createDatabase(database(i));
                return TcpProxy.to(pg.host(), pg.port());
            })
            .toList();

    private TestShards() {}

    public static String database(int index) {
        return "test_geo_shard_" + index;
    }

    /** The URL the service uses: through the shard's proxy. */
    public static String serviceUrl(int index) {
        TcpProxy proxy = PROXIES.get(index);
        return "jdbc:postgresql://" + proxy.host() + ":" + proxy.port() + "/" + database(index);
    }

    public static List<TcpProxy> proxies() {
        return PROXIES;
    }

    /** A direct connection to the shard, for assertions that must work while the proxy is cut. */
    public static JdbcTemplate direct(int index) {
        Endpoints.Postgres pg = Infrastructure.get().postgres();
        return new JdbcTemplate(new SimpleDriverDataSource(
                new org.postgresql.Driver(), pg.jdbcUrl(database(index)), pg.username(), pg.password()));
    }
}
