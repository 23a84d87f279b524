package dev.syspatterns.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Creates databases on the primary and waits for physical replication to carry them to the replica. */
final class PostgresDatabases {

    private static final Pattern SAFE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Duration REPLICA_WAIT = Duration.ofSeconds(30);

    private final Endpoints.Postgres postgres;
    private final Set<String> created = ConcurrentHashMap.newKeySet();

    PostgresDatabases(Endpoints.Postgres postgres) {
        this.postgres = postgres;
    }

    synchronized String create(String name) {
        if (!SAFE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must match " + SAFE_NAME + ": " + name);
        }
        if (created.contains(name)) {
            return name;
        }
        try {
            try (Connection admin = connect(postgres.jdbcUrl("postgres"))) {
                if (!exists(admin, name)) {
                    try (Statement st = admin.createStatement()) {
                        st.execute("CREATE DATABASE " + name);
                    }
                }
            }
            try (Connection db = connect(postgres.jdbcUrl(name));
                    Statement st = db.createStatement()) {
                st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            }
            awaitOnReplica(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + " on " + postgres, e);
        }
        created.add(name);
        return name;
    }

    private void awaitOnReplica(String name) throws SQLException {
        long deadline = System.nanoTime() + REPLICA_WAIT.toNanos();
        while (true) {
            try (Connection replica = connect(postgres.replicaJdbcUrl("postgres"))) {
                if (exists(replica, name)) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("database " + name + " did not reach the replica at "
                        + postgres.replicaHost() + ":" + postgres.replicaPort() + " within " + REPLICA_WAIT
                        + ": is it streaming? (./platform status)");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, postgres.username(), postgres.password());
    }
}
