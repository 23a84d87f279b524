package dev.syspatterns.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * The servers that {@code ./platform infra up} runs as local processes on fixed loopback ports (see DESIGN.md).
 * Nothing is started here: a missing server is reported with the command that starts it.
 */
final class LocalProcessInfrastructure implements Infrastructure {

    static final String HOST = "127.0.0.1";

    private final Endpoints.Postgres postgres = new Endpoints.Postgres(HOST, 5432, HOST, 5433, "platform", "platform");
    private final PostgresDatabases databases = new PostgresDatabases(postgres);

    @Override
    public String providerName() {
        return "local processes";
    }

    @Override
    public Endpoints.Postgres postgres() {
        require("PostgreSQL primary", 5432);
        require("PostgreSQL replica", 5433);
        return postgres;
    }

    @Override
    public Endpoints.Redis redis() {
        require("Redis", 6379);
        return new Endpoints.Redis(HOST, 6379);
    }

    @Override
    public Endpoints.Kafka kafka() {
        require("Kafka", 9092);
        return new Endpoints.Kafka(HOST + ":9092");
    }

    @Override
    public Endpoints.S3 s3() {
        require("S3 (S3Proxy)", 9000);
        return new Endpoints.S3("http://" + HOST + ":9000", "us-east-1", "platform", "platform-secret");
    }

    @Override
    public Endpoints.Temporal temporal() {
        require("Temporal", 7233);
        return new Endpoints.Temporal(HOST + ":7233", "default");
    }

    @Override
    public String createDatabase(String name) {
        postgres();
        return databases.create(name);
    }

    private static void require(String what, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not answering on " + HOST + ":" + port
                    + " (local provider). Start the infrastructure with: ./platform infra up");
        }
    }
}
