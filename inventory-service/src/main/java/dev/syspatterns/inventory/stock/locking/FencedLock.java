package dev.syspatterns.inventory.stock.locking;

import java.util.concurrent.ScheduledFuture;

/**
 * A held Redis lock and its fencing token. The token is what makes the lock safe: a holder that stalled past
 * its lease (a GC pause, a slow network) still believes it holds the lock, but its token is older than the
 * next holder's, and the stock row refuses writes carrying a token older than the newest it has seen.
 */
final class FencedLock implements AutoCloseable {

    private final RedisFencedLocks locks;
    private final String name;
    private final String owner;
    private final long token;
    private volatile ScheduledFuture<?> renewal;

    FencedLock(RedisFencedLocks locks, String name, String owner, long token) {
        this.locks = locks;
        this.name = name;
        this.owner = owner;
        this.token = token;
    }

    long token() {
        return token;
    }

    String name() {
        return name;
    }

    String owner() {
        return owner;
    }

    /** Renews the lease every third of it until {@link #close()}. */
    FencedLock keepAlive() {
        renewal = locks.renewWhileHeld(this);
        return this;
    }

    @Override
    public void close() {
        ScheduledFuture<?> running = renewal;
        if (running != null) {
            running.cancel(false);
        }
        locks.release(this);
    }
}
