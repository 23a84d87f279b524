package dev.syspatterns.jobs.queue;

/** Where a job is in its life. FAILED means "will retry at run_at"; DEAD means it gave up. */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    DEAD,
    CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == DEAD || this == CANCELLED;
    }
}
