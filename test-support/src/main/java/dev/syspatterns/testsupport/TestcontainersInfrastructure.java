package dev.syspatterns.testsupport;

import java.time.Duration;
import java.util.function.Supplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Real servers in containers, for machines with a Docker engine. Each starts on first use and lives for the
 * test JVM (Ryuk removes it afterwards). Images match docker-compose.yml.
 */
final class TestcontainersInfrastructure implements Infrastructure {

    static final String POSTGIS_IMAGE = "postgis/postgis:16-3.4";
    static final String USER = "platform";
    static final String PASSWORD = "platform";

    private final Network network = Network.newNetwork();
    private final Lazy<Endpoints.Postgres> postgres = new Lazy<>(this::startPostgres);
    private final Lazy<PostgresDatabases> databases = new Lazy<>(() -> new PostgresDatabases(postgres.get()));
    private final Lazy<Endpoints.Redis> redis = new Lazy<>(this::startRedis);
    private final Lazy<Endpoints.Kafka> kafka = new Lazy<>(this::startKafka);
    private final Lazy<Endpoints.S3> s3 = new Lazy<>(this::startMinio);
    private final Lazy<Endpoints.Temporal> temporal = new Lazy<>(this::startTemporal);

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public String providerName() {
        return "testcontainers";
    }

    @Override
    public Endpoints.Postgres postgres() {
        return postgres.get();
    }

    @Override
    public Endpoints.Redis redis() {
        return redis.get();
    }

    @Override
    public Endpoints.Kafka kafka() {
        return kafka.get();
    }

    @Override
    public Endpoints.S3 s3() {
        return s3.get();
    }

    @Override
    public Endpoints.Temporal temporal() {
        return temporal.get();
    }

    @Override
    public String createDatabase(String name) {
        return databases.get().create(name);
    }

    /** A primary that allows replication connections, and a replica cloned from it with pg_basebackup. */
    @SuppressWarnings("resource") // lives for the JVM; Ryuk removes it
    private Endpoints.Postgres startPostgres() {
        DockerImageName image = DockerImageName.parse(POSTGIS_IMAGE).asCompatibleSubstituteFor("postgres");
        PostgreSQLContainer primary = new PostgreSQLContainer(image)
                .withNetwork(network)
                .withNetworkAliases("primary")
                .withDatabaseName("postgres")
                .withUsername(USER)
                .withPassword(PASSWORD)
                .withCommand("postgres", "-c", "wal_level=replica", "-c", "max_wal_senders=10", "-c", "jit=off")
                .withCopyToContainer(
                        Transferable.of(
                                "#!/bin/sh\necho 'host replication all all scram-sha-256' >> \"$PGDATA/pg_hba.conf\"\n"),
                        "/docker-entrypoint-initdb.d/10-allow-replication.sh");
        primary.start();

        GenericContainer<?> replica = new GenericContainer<>(DockerImageName.parse(POSTGIS_IMAGE))
                .withNetwork(network)
                .withExposedPorts(5432)
                .withEnv("PGPASSWORD", PASSWORD)
                .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("bash", "-c"))
                .withCommand("set -e; D=/var/lib/postgresql/data; rm -rf $D/*; "
                        + "until pg_basebackup -h primary -U " + USER + " -D $D -R -X stream; do sleep 1; done; "
                        + "chown -R postgres:postgres $D; chmod 700 $D; exec gosu postgres postgres -c hot_standby=on")
                .waitingFor(Wait.forLogMessage(".*ready to accept read-only connections.*", 1)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        replica.start();

        return new Endpoints.Postgres(
                primary.getHost(),
                primary.getMappedPort(5432),
                replica.getHost(),
                replica.getMappedPort(5432),
                USER,
                PASSWORD);
    }

    @SuppressWarnings("resource")
    private Endpoints.Redis startRedis() {
        GenericContainer<?> redis =
                new GenericContainer<>(DockerImageName.parse("redis:7-alpine")).withExposedPorts(6379);
        redis.start();
        return new Endpoints.Redis(redis.getHost(), redis.getMappedPort(6379));
    }

    @SuppressWarnings("resource")
    private Endpoints.Kafka startKafka() {
        KafkaContainer kafka = new KafkaContainer(DockerImageName.parse("apache/kafka:4.1.0"));
        kafka.start();
        return new Endpoints.Kafka(kafka.getBootstrapServers());
    }

    @SuppressWarnings("resource")
    private Endpoints.S3 startMinio() {
        GenericContainer<?> minio = new GenericContainer<>(
                        DockerImageName.parse("minio/minio:RELEASE.2025-04-22T22-12-26Z"))
                .withEnv("MINIO_ROOT_USER", "platform")
                .withEnv("MINIO_ROOT_PASSWORD", "platform-secret")
                .withCommand("server", "/data")
                .withExposedPorts(9000)
                .waitingFor(Wait.forHttp("/minio/health/ready").forPort(9000));
        minio.start();
        return new Endpoints.S3(
                "http://" + minio.getHost() + ":" + minio.getMappedPort(9000),
                "us-east-1",
                "platform",
                "platform-secret");
    }

    @SuppressWarnings("resource")
    private Endpoints.Temporal startTemporal() {
        GenericContainer<?> temporal = new GenericContainer<>(DockerImageName.parse("temporalio/temporal:1.4.1"))
                .withCommand("server", "start-dev", "--ip", "0.0.0.0", "--headless")
                .withExposedPorts(7233)
                .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(2)));
        temporal.start();
        return new Endpoints.Temporal(temporal.getHost() + ":" + temporal.getMappedPort(7233), "default");
    }

    /** Starts a server on first use, once. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        value = v = factory.get();
                    }
                }
            }
            return v;
        }
    }
}
