package dev.syspatterns.testsupport;

import java.util.Locale;

/**
 * Real PostgreSQL/PostGIS (with a read replica), Redis, Kafka, S3 and Temporal for tests.
 *
 * <p>A test asks for what it needs and never learns who provided it. Two providers exist:
 * {@link TestcontainersInfrastructure} where a Docker engine answers, and {@link LocalProcessInfrastructure}
 * for the servers that {@code ./platform infra up} runs on fixed loopback ports. Choose explicitly with the
 * system property or environment variable {@code platform.infra} / {@code PLATFORM_INFRA}
 * ({@code local} or {@code testcontainers}); without it, Docker decides.
 *
 * <p>One instance serves the whole test JVM: servers start once (lazily, only those asked for) and are
 * shared by every test class, which keeps a 2-core machine from starting a broker per class.
 */
public interface Infrastructure {

    String providerName();

    Endpoints.Postgres postgres();

    Endpoints.Redis redis();

    Endpoints.Kafka kafka();

    Endpoints.S3 s3();

    Endpoints.Temporal temporal();

    /**
     * Creates {@code name} on the primary if missing (PostGIS enabled) and waits until the replica shows it.
     * Returns the name, so calls compose.
     */
    String createDatabase(String name);

    static Infrastructure get() {
        return Holder.INSTANCE;
    }

    final class Holder {
        private static final Infrastructure INSTANCE = choose();

        private Holder() {}

        private static Infrastructure choose() {
            String choice = System.getProperty("platform.infra", System.getenv("PLATFORM_INFRA"));
            if (choice == null || choice.isBlank() || choice.equalsIgnoreCase("auto")) {
                choice = TestcontainersInfrastructure.dockerAvailable() ? "testcontainers" : "local";
            }
            return switch (choice.toLowerCase(Locale.ROOT)) {
                case "local" -> new LocalProcessInfrastructure();
                case "testcontainers" -> new TestcontainersInfrastructure();
                default ->
                    throw new IllegalStateException(
                            "platform.infra must be 'local' or 'testcontainers', was '" + choice + "'");
            };
        }
    }
}
