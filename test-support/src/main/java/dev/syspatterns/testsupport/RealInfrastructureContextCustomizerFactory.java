package dev.syspatterns.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/** Registered in META-INF/spring.factories: turns {@link RealInfrastructure} into connection properties. */
public final class RealInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    static final String TEST_DATABASE_PREFIX = "test_";

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        var annotation = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .get(RealInfrastructure.class);
        return annotation.isPresent() ? new Customizer(annotation.getString("database")) : null;
    }

    /** Equal for equal databases, so Spring's context cache shares one context between such tests. */
    private record Customizer(String database) implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            MutablePropertySources sources = context.getEnvironment().getPropertySources();
            LazyPropertySource infra = new LazyPropertySource(properties(database));
            String inlined = "Inlined Test Properties";
            if (sources.contains(inlined)) {
                sources.addAfter(inlined, infra);
            } else {
                sources.addFirst(infra);
            }
        }

        private static Map<String, Supplier<Object>> properties(String database) {
            Infrastructure infra = Infrastructure.get();
            Map<String, Supplier<Object>> p = new LinkedHashMap<>();
            if (!database.isBlank()) {
                String name = TEST_DATABASE_PREFIX + database;
                p.put("spring.datasource.url", () -> infra.postgres().jdbcUrl(infra.createDatabase(name)));
                p.put("spring.datasource.username", () -> infra.postgres().username());
                p.put("spring.datasource.password", () -> infra.postgres().password());
                p.put("platform.replica.url", () -> infra.postgres().replicaJdbcUrl(infra.createDatabase(name)));
                p.put("platform.replica.username", () -> infra.postgres().username());
                p.put("platform.replica.password", () -> infra.postgres().password());
            }
            p.put("spring.data.redis.host", () -> infra.redis().host());
            p.put("spring.data.redis.port", () -> infra.redis().port());
            p.put("spring.kafka.bootstrap-servers", () -> infra.kafka().bootstrapServers());
            p.put("platform.s3.endpoint", () -> infra.s3().endpoint());
            p.put("platform.s3.region", () -> infra.s3().region());
            p.put("platform.s3.access-key", () -> infra.s3().accessKey());
            p.put("platform.s3.secret-key", () -> infra.s3().secretKey());
            p.put("spring.temporal.connection.target", () -> infra.temporal().target());
            p.put("spring.temporal.namespace", () -> infra.temporal().namespace());
            // a test's own server listens on loopback only, like everything else the tests start
            p.put("server.address", () -> "127.0.0.1");
            return p;
        }
    }

    /** Names are known up front; each value is computed (and its server started) on first read only. */
    private static final class LazyPropertySource extends EnumerablePropertySource<Map<String, Supplier<Object>>> {

        private final Map<String, Object> resolved = new java.util.concurrent.ConcurrentHashMap<>();

        LazyPropertySource(Map<String, Supplier<Object>> suppliers) {
            super("Real Infrastructure (" + Infrastructure.class.getSimpleName() + ")", suppliers);
        }

        @Override
        public String[] getPropertyNames() {
            return getSource().keySet().toArray(String[]::new);
        }

        @Override
        public Object getProperty(String name) {
            Supplier<Object> supplier = getSource().get(name);
            return supplier == null ? null : resolved.computeIfAbsent(name, n -> supplier.get());
        }
    }
}
