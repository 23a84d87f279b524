package dev.syspatterns.jobs.worker;

/** Thrown by {@link JobContext#checkpoint()} when the job was asked to stop; the job ends CANCELLED. */
public class JobCancelled extends RuntimeException {

    JobCancelled(String jobId) {
        super("job " + jobId + " was cancelled");
    }
}
