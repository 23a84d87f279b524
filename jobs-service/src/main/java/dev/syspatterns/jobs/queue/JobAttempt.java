package dev.syspatterns.jobs.queue;

import java.time.Instant;

/** One attempt at a job: who ran it, when, and how it ended (null while it runs or if its worker vanished). */
public record JobAttempt(
        int attempt, String worker, Instant startedAt, Instant finishedAt, String outcome, String error) {}
