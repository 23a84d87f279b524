package dev.syspatterns.jobs.worker;

/**
 * This worker no longer holds the job (its lease expired and another worker may be running it): whatever the
 * handler does from here on must not count. Nothing is written for the job when a handler ends with this.
 */
public class LeaseLost extends RuntimeException {

    public LeaseLost(String jobId) {
        super("lease on job " + jobId + " was lost");
    }
}
