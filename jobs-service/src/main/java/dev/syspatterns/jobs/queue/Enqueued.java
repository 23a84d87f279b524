package dev.syspatterns.jobs.queue;

/** The job a submission resolved to, and whether this submission created it or found it by its key. */
public record Enqueued(Job job, boolean created) {}
