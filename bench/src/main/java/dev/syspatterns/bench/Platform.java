package dev.syspatterns.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Where the running platform answers: the fixed loopback ports of ./platform up (DESIGN.md). */
public record Platform(String host) {

    public static final String DB_USER = "platform";
    public static final String DB_PASSWORD = "platform";

    public static Platform local() {
        return new Platform(System.getProperty("bench.host", "127.0.0.1"));
    }

    public URI gateway() {
        return URI.create("http://" + host + ":8080");
    }

    public URI service(String name) {
        int port = switch (name) {
            case "realtime" -> 8081;
            case "jobs" -> 8082;
            case "inventory" -> 8083;
            case "media" -> 8084;
            case "workflow" -> 8085;
            case "geo" -> 8086;
            default -> throw new IllegalArgumentException("no service named " + name);
        };
        return URI.create("http://" + host + ":" + port);
    }

    /** A scratch database of the benchmark's own on the primary (created with PostGIS when missing). */
    public Connection scratchDatabase(String name) throws SQLException {
        try (Connection admin = connect("postgres");
                Statement st = admin.createStatement()) {
            var exists = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                st.execute("CREATE DATABASE " + name);
            }
        }
        Connection db = connect(name);
        try (Statement st = db.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        }
        return db;
    }

    /** Drops the benchmark's own scratch database (never a service's) so a run starts from nothing. */
    public void dropScratchDatabase(String name) throws SQLException {
        if (!name.startsWith("bench_")) {
            throw new IllegalArgumentException("only bench_ scratch databases are dropped, not " + name);
        }
        try (Connection admin = connect("postgres");
                Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /**
     * A read-only connection to a service's own database on the primary, to check the service's answers
     * against what it committed. Benchmarks never write there.
     */
    public Connection serviceDatabase(String name) throws SQLException {
        Connection db = connect(name);
        db.setReadOnly(true);
        return db;
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":5432/" + database, DB_USER, DB_PASSWORD);
    }
}
