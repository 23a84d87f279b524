package dev.syspatterns.jobs;

import dev.syspatterns.testsupport.Endpoints;
import dev.syspatterns.testsupport.Infrastructure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second jobs-service process (by default {@code platform.jobs.role=worker}; {@code extra} may change it), as a separate Spring application
 * context in this JVM: its own worker pool, connection pool and Kafka producer, sharing only the database.
 */
public final class WorkerProcess implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private WorkerProcess(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Starts a worker process on the test database, or on {@code jdbcUrl} (e.g. through a TcpProxy). */
    public static WorkerProcess start(String id, int concurrency, String jdbcUrl, Map<String, String> extra) {
        Infrastructure infra = Infrastructure.get();
        Endpoints.Postgres pg = infra.postgres();
        Endpoints.S3 s3 = infra.s3();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl != null ? jdbcUrl : pg.jdbcUrl("test_jobs"));
        properties.put("spring.datasource.username", pg.username());
        properties.put("spring.datasource.password", pg.password());
        properties.put("spring.datasource.hikari.maximum-pool-size", "4");
        properties.put("spring.datasource.hikari.connection-timeout", "1000");
        properties.put("spring.flyway.enabled", "false");
        properties.put("spring.kafka.bootstrap-servers", infra.kafka().bootstrapServers());
        properties.put("spring.main.banner-mode", "off");
        properties.put("platform.s3.endpoint", s3.endpoint());
        properties.put("platform.s3.region", s3.region());
        properties.put("platform.s3.access-key", s3.accessKey());
        properties.put("platform.s3.secret-key", s3.secretKey());
        properties.put("platform.jobs.role", "worker");
        properties.put("platform.jobs.worker.id", id);
        properties.put("platform.jobs.worker.concurrency", String.valueOf(concurrency));
        properties.put("platform.jobs.worker.lease", JobsIntegrationTest.LEASE);
        properties.put("platform.jobs.worker.poll-interval", "100ms");
        properties.put("platform.jobs.worker.reap-interval", "300ms");
        properties.put("platform.jobs.retry.base-delay", JobsIntegrationTest.BASE_DELAY_MS + "ms");
        properties.putAll(extra);
        // Command-line arguments, because they outrank application.yml (default properties would not).
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new WorkerProcess(new SpringApplicationBuilder(JobsApplication.class)
                .web(WebApplicationType.NONE)
                .run(args));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
