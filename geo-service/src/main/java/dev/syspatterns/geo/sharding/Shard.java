package dev.syspatterns.geo.sharding;

import org.springframework.jdbc.core.JdbcTemplate;

/** One shard database: its place on the ring ({@code name}), its position in the config, its own pool. */
public record Shard(int index, String name, JdbcTemplate jdbc) {

    @Override
    public String toString() {
        return name;
    }
}
