package dev.syspatterns.inventory.replica;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health/replica}: UP while the replica answers; DEGRADED (still HTTP 200, the service works)
 * when it does not and reads are served by the primary.
 */
@Component
class ReplicaHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "replica unreachable, reads are served by the primary");

    private final ReplicaRouting routing;

    ReplicaHealthIndicator(ReplicaRouting routing) {
        this.routing = routing;
    }

    @Override
    public Health health() {
        try {
            String replayed = routing.replayPosition();
            return Health.up()
                    .withDetail("replayPosition", replayed)
                    .withDetail("reads", routing.skippingReplica() ? "primary (backing off)" : "replica")
                    .build();
        } catch (RuntimeException e) {
            return Health.status(DEGRADED)
                    .withDetail("reads", "primary")
                    .withDetail("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
