package dev.syspatterns.jobs.queue;

import dev.syspatterns.tracing.StoredTraceContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The durable queue: every state change of a job is one SQL statement on its row, guarded by the state it
 * expects (and, for a worker, by the lease token it holds), so a late or duplicate caller changes nothing.
 * Each change that happened is published as a JobUpdated before its transaction commits.
 */
@Repository
public class JobStore {

    private static final String COLUMNS = "j.*";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final JobUpdatesPublisher updates;
    private final StoredTraceContext traces;
    private final RowMapper<Job> rows = this::mapJob;

    JobStore(JdbcClient jdbc, JsonMapper json, JobUpdatesPublisher updates, StoredTraceContext traces) {
        this.jdbc = jdbc;
        this.json = json;
        this.updates = updates;
        this.traces = traces;
    }

    /**
     * Inserts the job, or returns the one already stored under the same idempotency key. ON CONFLICT waits for
     * a concurrent insert of the same key to commit, so two racing submissions still yield one job.
     */
    @Transactional
    public Enqueued enqueue(NewJob job) {
        Instant now = Instant.now();
        Optional<Job> inserted = jdbc.sql("""
                        insert into jobs as j (id, type, payload, status, priority, max_attempts, run_at,
                                               idempotency_key, created_at, updated_at, traceparent)
                        values (:id, :type, cast(:payload as jsonb), 'QUEUED', :priority, :maxAttempts, :runAt,
                                :key, :now, :now, :traceparent)
                        on conflict (idempotency_key) do nothing
                        returning %s
                        """.formatted(COLUMNS))
                .param("id", UUID.randomUUID())
                .param("type", job.type())
                .param("payload", json.writeValueAsString(job.payload()))
                .param("priority", job.priority())
                .param("maxAttempts", job.maxAttempts())
                .param("runAt", timestamp(job.runAt() == null ? now : job.runAt()))
                .param("key", job.idempotencyKey())
                .param("now", timestamp(now))
                // the worker that claims the job runs it in the submitter's trace
                .param("traceparent", traces.capture())
                .query(rows)
                .optional();
        if (inserted.isPresent()) {
            updates.publish(inserted.get());
            return new Enqueued(inserted.get(), true);
        }
        Job existing = findByIdempotencyKey(job.idempotencyKey()).orElseThrow();
        return new Enqueued(existing, false);
    }

    /** The job submitted under this key: how a client finds a job it did not submit itself (media.process). */
    public Optional<Job> findByIdempotencyKey(String key) {
        return jdbc.sql("select j.* from jobs j where j.idempotency_key = :key")
                .param("key", key)
                .query(rows)
                .optional();
    }

    public Optional<Job> find(UUID id) {
        return jdbc.sql("select j.* from jobs j where j.id = :id")
                .param("id", id)
                .query(rows)
                .optional();
    }

    public List<Job> findByStatus(JobStatus status, int limit) {
        return jdbc.sql("select j.* from jobs j where j.status = :status order by j.updated_at desc, j.id limit :limit")
                .param("status", status.name())
                .param("limit", limit)
                .query(rows)
                .list();
    }

    public List<JobAttempt> attempts(UUID id) {
        return jdbc.sql("""
                        select attempt, worker, started_at, finished_at, outcome, error
                        from job_attempts where job_id = :id order by id
                        """)
                .param("id", id)
                .query((rs, n) -> new JobAttempt(
                        rs.getInt("attempt"),
                        rs.getString("worker"),
                        instant(rs, "started_at"),
                        instant(rs, "finished_at"),
                        rs.getString("outcome"),
                        rs.getString("error")))
                .list();
    }

    /**
     * Takes the most urgent runnable job for {@code worker}. SKIP LOCKED lets many workers claim at once without
     * waiting on each other's rows and without two of them ever taking the same one. The lease counts from
     * clock_timestamp(), not now() (the transaction's start), so time spent publishing the event before commit
     * does not eat into it.
     */
    @Transactional
    public Optional<Job> claim(String worker, Duration lease) {
        Optional<Job> claimed = jdbc.sql("""
                        with next as (
                            select id from jobs
                            where status in ('QUEUED', 'FAILED') and run_at <= now()
                            order by priority desc, run_at, id
                            limit 1
                            for update skip locked)
                        update jobs j
                        set status = 'RUNNING', attempts = j.attempts + 1, lease_owner = :worker,
                            lease_token = :token, lease_until = clock_timestamp() + make_interval(secs => :leaseSeconds),
                            started_at = coalesce(j.started_at, now()), updated_at = now()
                        from next where j.id = next.id
                        returning %s
                        """.formatted(COLUMNS))
                .param("worker", worker)
                .param("token", UUID.randomUUID())
                .param("leaseSeconds", seconds(lease))
                .query(rows)
                .optional();
        claimed.ifPresent(job -> {
            jdbc.sql("""
                            insert into job_attempts (job_id, attempt, worker, started_at)
                            values (:id, :attempt, :worker, now())
                            """)
                    .param("id", job.id())
                    .param("attempt", job.attempts())
                    .param("worker", worker)
                    .update();
            traces.runIn(job.traceparent(), "job claimed", () -> updates.publish(job));
        });
        return claimed;
    }

    /**
     * Extends the lease while the holder of {@code token} still has it. Empty means the lease is lost (it
     * expired and was reaped, or the job is gone); otherwise whether cancellation was requested.
     */
    public Optional<Boolean> renewLease(UUID id, UUID token, Duration lease) {
        return jdbc.sql("""
                        update jobs set lease_until = clock_timestamp() + make_interval(secs => :leaseSeconds)
                        where id = :id and lease_token = :token and status = 'RUNNING'
                        returning cancel_requested
                        """)
                .param("id", id)
                .param("token", token)
                .param("leaseSeconds", seconds(lease))
                .query(Boolean.class)
                .optional();
    }

    /** Records progress; false when the lease is no longer held. */
    @Transactional
    public boolean progress(UUID id, UUID token, int progress) {
        return publishIfChanged(jdbc.sql("""
                        update jobs j set progress = :progress, updated_at = now()
                        where j.id = :id and j.lease_token = :token and j.status = 'RUNNING'
                        returning %s
                        """.formatted(COLUMNS))
                .param("id", id)
                .param("token", token)
                .param("progress", progress)
                .query(rows)
                .optional());
    }

    @Transactional
    public boolean succeed(UUID id, UUID token, JsonNode result) {
        Map<String, Object> values = new HashMap<>();
        values.put("result", result == null ? null : json.writeValueAsString(result));
        return endLease(id, token, """
                status = 'SUCCEEDED', progress = 100, result = cast(:result as jsonb), error = null,
                finished_at = now()""", values, "SUCCEEDED", null);
    }

    /** A failed attempt: FAILED to run again after {@code backoff}, or DEAD when it was the last one allowed. */
    @Transactional
    public boolean fail(UUID id, UUID token, String error, Duration backoff) {
        return endLease(id, token, """
                status = case when j.attempts >= j.max_attempts then 'DEAD' else 'FAILED' end,
                run_at = now() + make_interval(secs => :backoffSeconds),
                finished_at = case when j.attempts >= j.max_attempts then now() end, error = :error""", Map.of("error", error, "backoffSeconds", seconds(backoff)), "FAILED", error);
    }

    /** The running job stopped because cancellation was asked for. */
    @Transactional
    public boolean cancelled(UUID id, UUID token) {
        return endLease(id, token, "status = 'CANCELLED', finished_at = now()", Map.of(), "CANCELLED", null);
    }

    /**
     * Hands a job back untouched during a graceful shutdown: QUEUED again, runnable now, and the interrupted
     * attempt not counted against maxAttempts.
     */
    @Transactional
    public boolean release(UUID id, UUID token) {
        return endLease(
                id, token, "status = 'QUEUED', attempts = j.attempts - 1, run_at = now()", Map.of(), "RELEASED", null);
    }

    /**
     * Ends the attempt that holds {@code token} with {@code assignments}, clearing the lease. A worker that no
     * longer holds the lease (it expired and the job was reaped, perhaps claimed again) changes nothing.
     */
    private boolean endLease(
            UUID id, UUID token, String assignments, Map<String, ?> values, String outcome, String error) {
        Optional<Job> changed = jdbc.sql("""
                        update jobs j set %s,
                            lease_owner = null, lease_token = null, lease_until = null, updated_at = now()
                        where j.id = :id and j.lease_token = :token and j.status = 'RUNNING'
                        returning %s
                        """.formatted(assignments, COLUMNS))
                .param("id", id)
                .param("token", token)
                .params(values)
                .query(rows)
                .optional();
        return finishAttempt(changed, outcome, error);
    }

    /**
     * Turns every job whose lease ran out (its worker died or hung) back into a runnable FAILED job, or DEAD
     * when it has no attempts left. The lost attempt counts: a job that kills its worker must not loop forever.
     */
    @Transactional
    public List<Job> reapExpiredLeases() {
        List<Job> reaped = jdbc.sql("""
                        update jobs j
                        set status = case when j.cancel_requested then 'CANCELLED'
                                          when j.attempts >= j.max_attempts then 'DEAD' else 'FAILED' end,
                            finished_at = case when j.cancel_requested or j.attempts >= j.max_attempts then now() end,
                            error = 'lease expired: worker ' || j.lease_owner || ' stopped renewing it',
                            run_at = now(), lease_owner = null, lease_token = null, lease_until = null,
                            updated_at = now()
                        where j.id in (select id from jobs where status = 'RUNNING' and lease_until < now()
                                       for update skip locked)
                        returning %s
                        """.formatted(COLUMNS)).query(rows).list();
        for (Job job : reaped) {
            jdbc.sql("""
                            update job_attempts set finished_at = now(), outcome = 'LEASE_EXPIRED', error = :error
                            where job_id = :id and attempt = :attempt and finished_at is null
                            """)
                    .param("id", job.id())
                    .param("attempt", job.attempts())
                    .param("error", job.error())
                    .update();
            updates.publish(job);
        }
        return reaped;
    }

    /**
     * Cancels in one statement: a job waiting in the queue becomes CANCELLED and never runs; a running one is
     * flagged, and its worker stops at its next check. Empty when the job is unknown or already final.
     */
    @Transactional
    public Optional<Job> cancel(UUID id) {
        Optional<Job> changed =
                jdbc.sql("""
                        update jobs j
                        set status = case when j.status = 'RUNNING' then 'RUNNING' else 'CANCELLED' end,
                            cancel_requested = (j.status = 'RUNNING'),
                            finished_at = case when j.status = 'RUNNING' then null else now() end,
                            updated_at = now()
                        where j.id = :id and j.status in ('QUEUED', 'FAILED', 'RUNNING')
                        returning %s
                        """.formatted(COLUMNS)).param("id", id).query(rows).optional();
        changed.filter(job -> job.status() == JobStatus.CANCELLED).ifPresent(updates::publish);
        return changed;
    }

    /** Re-drives a DEAD job from scratch: attempts reset, runnable now. Empty unless it was DEAD. */
    @Transactional
    public Optional<Job> retryDead(UUID id) {
        Optional<Job> requeued =
                jdbc.sql("""
                        update jobs j set status = 'QUEUED', attempts = 0, progress = 0, run_at = now(),
                            cancel_requested = false, result = null, finished_at = null, updated_at = now()
                        where j.id = :id and j.status = 'DEAD'
                        returning %s
                        """.formatted(COLUMNS)).param("id", id).query(rows).optional();
        requeued.ifPresent(updates::publish);
        return requeued;
    }

    /** How many jobs are in each status (statuses with none are absent). */
    public Map<JobStatus, Long> countByStatus() {
        return jdbc
                .sql("select status, count(*) as n from jobs group by status")
                .query((rs, n) -> Map.entry(JobStatus.valueOf(rs.getString("status")), rs.getLong("n")))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Seconds the oldest runnable job has been waiting past its run_at; zero when none waits. */
    public double oldestRunnableAgeSeconds() {
        return jdbc.sql("""
                        select coalesce(extract(epoch from now() - min(run_at)), 0) from jobs
                        where status in ('QUEUED', 'FAILED') and run_at <= now()
                        """).query(Double.class).single();
    }

    private boolean publishIfChanged(Optional<Job> changed) {
        changed.ifPresent(updates::publish);
        return changed.isPresent();
    }

    private boolean finishAttempt(Optional<Job> changed, String outcome, String error) {
        changed.ifPresent(job -> {
            jdbc.sql("""
                            update job_attempts set finished_at = now(), outcome = :outcome, error = :error
                            where job_id = :id and attempt = :attempt and finished_at is null
                            """)
                    .param("id", job.id())
                    .param("attempt", outcome.equals("RELEASED") ? job.attempts() + 1 : job.attempts())
                    .param("outcome", outcome)
                    .param("error", error)
                    .update();
            updates.publish(job);
        });
        return changed.isPresent();
    }

    private Job mapJob(ResultSet rs, int row) throws SQLException {
        return new Job(
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                json.readTree(rs.getString("payload")),
                JobStatus.valueOf(rs.getString("status")),
                rs.getInt("priority"),
                rs.getInt("progress"),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"),
                instant(rs, "run_at"),
                rs.getString("lease_owner"),
                rs.getObject("lease_token", UUID.class),
                instant(rs, "lease_until"),
                rs.getBoolean("cancel_requested"),
                rs.getString("idempotency_key"),
                rs.getString("result") == null ? null : json.readTree(rs.getString("result")),
                rs.getString("error"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("traceparent"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(java.time.ZoneOffset.UTC);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
