package dev.syspatterns.testsupport;

/** Where each real server of a test run answers. Records, so a test can print or compare them. */
public final class Endpoints {

    private Endpoints() {}

    /** A PostgreSQL primary with PostGIS and its streaming read replica; one login for both. */
    public record Postgres(
            String host, int port, String replicaHost, int replicaPort, String username, String password) {

        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String replicaJdbcUrl(String database) {
            return "jdbc:postgresql://" + replicaHost + ":" + replicaPort + "/" + database;
        }
    }

    public record Redis(String host, int port) {
        public String uri() {
            return "redis://" + host + ":" + port;
        }
    }

    public record Kafka(String bootstrapServers) {}

    public record S3(String endpoint, String region, String accessKey, String secretKey) {}

    public record Temporal(String target, String namespace) {}
}
