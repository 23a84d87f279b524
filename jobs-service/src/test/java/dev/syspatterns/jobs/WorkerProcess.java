package dev.syspatterns.jobs;

import dev.syspatterns.testsupport.Endpoints;
import dev.syspatterns.testsupport.Infrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second jobs-service process with {@code platform.jobs.role=worker}, as a separate Spring application
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
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + (jdbcUrl != null ? jdbcUrl : pg.jdbcUrl("test_jobs")),
                "--spring.datasource.username=" + pg.username(),
                "--spring.datasource.password=" + pg.password(),
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--spring.datasource.hikari.connection-timeout=1000",
                "--spring.flyway.enabled=false",
                "--spring.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                "--spring.main.banner-mode=off",
                "--platform.s3.endpoint=" + s3.endpoint(),
                "--platform.s3.region=" + s3.region(),
                "--platform.s3.access-key=" + s3.accessKey(),
                "--platform.s3.secret-key=" + s3.secretKey(),
                "--platform.jobs.role=worker",
                "--platform.jobs.worker.id=" + id,
                "--platform.jobs.worker.concurrency=" + concurrency,
                "--platform.jobs.worker.lease=" + JobsIntegrationTest.LEASE,
                "--platform.jobs.worker.poll-interval=100ms",
                "--platform.jobs.worker.reap-interval=300ms",
                "--platform.jobs.retry.base-delay=" + JobsIntegrationTest.BASE_DELAY_MS + "ms"));
        extra.forEach((key, value) -> args.add("--" + key + "=" + value));
        return new WorkerProcess(new SpringApplicationBuilder(JobsApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new)));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.close();
    }
}
