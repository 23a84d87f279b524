package dev.syspatterns.jobs.worker;

import dev.syspatterns.jobs.queue.Job;
import dev.syspatterns.jobs.queue.JobStore;
import java.util.UUID;

/**
 * What a running handler may know and do: its job's id (the idempotency key), the attempt number, the lease
 * token that fences its writes, progress reports and cooperative cancellation.
 */
public final class JobContext {

    private final Job job;
    private final String worker;
    private final JobStore store;
    private volatile boolean cancelRequested;
    private volatile boolean leaseLost;

    JobContext(Job job, String worker, JobStore store) {
        this.job = job;
        this.worker = worker;
        this.store = store;
        this.cancelRequested = job.cancelRequested();
    }

    public UUID jobId() {
        return job.id();
    }

    public int attempt() {
        return job.attempts();
    }

    public String worker() {
        return worker;
    }

    /**
     * The token of this claim. A handler that writes to the same database can make a write conditional on
     * {@code jobs.lease_token} still being this value: a worker that lost its lease then cannot write (fencing).
     */
    public UUID leaseToken() {
        return job.leaseToken();
    }

    /** Reports progress (0-100); published as a JobUpdated. Also a {@link #checkpoint()}. */
    public void progress(int percent) {
        checkpoint();
        if (!store.progress(job.id(), job.leaseToken(), Math.clamp(percent, 0, 100))) {
            leaseLost = true;
            checkpoint();
        }
    }

    /** Throws when the job was cancelled or this worker lost it; long handlers call it between steps. */
    public void checkpoint() {
        if (leaseLost) {
            throw new LeaseLost(job.id().toString());
        }
        if (cancelRequested) {
            throw new JobCancelled(job.id().toString());
        }
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    void markCancelRequested() {
        cancelRequested = true;
    }

    void markLeaseLost() {
        leaseLost = true;
    }

    boolean leaseLost() {
        return leaseLost;
    }
}
