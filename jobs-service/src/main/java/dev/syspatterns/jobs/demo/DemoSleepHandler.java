package dev.syspatterns.jobs.demo;

import dev.syspatterns.jobs.worker.InvalidJobPayload;
import dev.syspatterns.jobs.worker.JobContext;
import dev.syspatterns.jobs.worker.JobHandler;
import dev.syspatterns.jobs.worker.LeaseLost;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code demo.sleep}: sleeps {@code durationMs} in {@code steps} steps, reporting progress after each, and fails
 * on purpose on its first {@code failFirstAttempts} attempts or at random with {@code failureRate}. For tests,
 * benchmarks and fault drills.
 *
 * <p>Its side effect is one row per job id in {@code demo_effects} whose {@code applications} counter would
 * show a job that ran twice. The write is fenced by the lease token: it only happens while this worker still
 * holds the job, so a worker that lost its lease (and whose job another worker now runs) cannot apply it.
 */
@Component
class DemoSleepHandler implements JobHandler {

    static final String TYPE = "demo.sleep";
    private static final long MAX_DURATION_MS = 600_000;
    private static final int MAX_STEPS = 100;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DemoSleepHandler(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(JsonNode payload) {
        Plan.of(payload);
    }

    @Override
    public JsonNode handle(JsonNode payload, JobContext context) throws InterruptedException {
        Plan plan = Plan.of(payload);
        if (context.attempt() <= plan.failFirstAttempts()) {
            throw new IllegalStateException(
                    "planned failure on attempt " + context.attempt() + " of the first " + plan.failFirstAttempts());
        }
        if (ThreadLocalRandom.current().nextDouble() < plan.failureRate()) {
            throw new IllegalStateException("random failure (failureRate " + plan.failureRate() + ")");
        }
        for (int step = 1; step <= plan.steps(); step++) {
            Thread.sleep(plan.durationMs() / plan.steps());
            context.progress(step * 100 / plan.steps());
        }
        int applied = jdbc.sql("""
                        insert into demo_effects (job_id, applications, worker, applied_at)
                        select :id, 1, :worker, now()
                        where exists (select 1 from jobs where id = :id and lease_token = :token and status = 'RUNNING')
                        on conflict (job_id) do update
                            set applications = demo_effects.applications + 1, worker = excluded.worker,
                                applied_at = excluded.applied_at
                        """)
                .param("id", context.jobId())
                .param("worker", context.worker())
                .param("token", context.leaseToken())
                .update();
        if (applied == 0) {
            throw new LeaseLost(context.jobId().toString());
        }
        ObjectNode result = json.createObjectNode();
        result.put("sleptMs", plan.durationMs());
        result.put("steps", plan.steps());
        result.put("attempt", context.attempt());
        result.put("worker", context.worker());
        return result;
    }

    record Plan(long durationMs, int steps, int failFirstAttempts, double failureRate) {

        static Plan of(JsonNode payload) {
            long duration = integer(payload, "durationMs", 1000, 0, MAX_DURATION_MS);
            int steps = (int) integer(payload, "steps", 1, 1, MAX_STEPS);
            int failFirst = (int) integer(payload, "failFirstAttempts", 0, 0, 100);
            double failureRate = 0;
            JsonNode rate = payload.get("failureRate");
            if (rate != null && !rate.isNull()) {
                if (!rate.isNumber() || rate.doubleValue() < 0 || rate.doubleValue() > 1) {
                    throw new InvalidJobPayload(TYPE, "failureRate must be a number from 0 to 1, was " + rate);
                }
                failureRate = rate.doubleValue();
            }
            return new Plan(duration, steps, failFirst, failureRate);
        }

        private static long integer(JsonNode payload, String field, long fallback, long min, long max) {
            JsonNode value = payload.get(field);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isIntegralNumber() || value.longValue() < min || value.longValue() > max) {
                throw new InvalidJobPayload(
                        TYPE, field + " must be a whole number from " + min + " to " + max + ", was " + value);
            }
            return value.longValue();
        }
    }
}
