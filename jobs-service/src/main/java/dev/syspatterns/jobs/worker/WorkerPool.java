package dev.syspatterns.jobs.worker;

import dev.syspatterns.jobs.ConditionalOnRole;
import dev.syspatterns.jobs.JobsProperties;
import dev.syspatterns.jobs.queue.Job;
import dev.syspatterns.jobs.queue.JobStore;
import dev.syspatterns.tracing.StoredTraceContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The worker half of the service: {@code concurrency} loops that claim a job, run its handler and record the
 * outcome, plus one scheduler that renews the leases of running jobs and reaps the expired leases of workers
 * that died.
 *
 * <p>Shutdown is graceful: no new claims, running jobs get {@code shutdownGrace} to finish, and whatever is
 * still running after that is interrupted and released to the queue without spending an attempt. A worker
 * killed outright (kill -9) releases nothing: its lease runs out and any other worker's reaper makes the job
 * runnable again.
 */
@Component
@ConditionalOnRole(ConditionalOnRole.Half.WORKER)
public class WorkerPool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerPool.class);
    private static final int MAX_ERROR_LENGTH = 2000;

    private final JobStore store;
    private final JobHandlers handlers;
    private final ExponentialBackoff backoff;
    private final JobsProperties.Worker config;
    private final MeterRegistry meters;
    private final StoredTraceContext traces;
    private final String processId;
    private final Set<Running> inFlight = ConcurrentHashMap.newKeySet();

    private volatile boolean running;
    private ExecutorService loops;
    private ScheduledExecutorService leases;

    WorkerPool(
            JobStore store,
            JobHandlers handlers,
            ExponentialBackoff backoff,
            JobsProperties properties,
            MeterRegistry meters,
            StoredTraceContext traces) {
        this.store = store;
        this.traces = traces;
        this.handlers = handlers;
        this.backoff = backoff;
        this.config = properties.worker();
        this.meters = meters;
        this.processId = config.id().isBlank() ? defaultProcessId() : config.id();
    }

    /** The name this process's workers write into lease_owner, followed by {@code :<loop>}. */
    public String processId() {
        return processId;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loops = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name(processId + "-worker-", 0).factory());
        for (int i = 0; i < config.concurrency(); i++) {
            String worker = processId + ":" + i;
            loops.submit(() -> loop(worker));
        }
        leases = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name(processId + "-leases").factory());
        long renewEvery = Math.max(config.lease().toMillis() / 3, 50);
        leases.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        long reapEvery = config.reapInterval().toMillis();
        leases.scheduleWithFixedDelay(this::reapExpiredLeases, reapEvery, reapEvery, TimeUnit.MILLISECONDS);
        log.info("worker pool {} started: concurrency {}, lease {}", processId, config.concurrency(), config.lease());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        loops.shutdown();
        try {
            if (!loops.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("releasing {} job(s) still running after the shutdown grace", inFlight.size());
                inFlight.forEach(Running::release);
                loops.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leases.shutdownNow();
        }
        log.info("worker pool {} stopped", processId);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop(String worker) {
        while (running) {
            try {
                Optional<Job> claimed = store.claim(worker, config.lease());
                if (claimed.isPresent()) {
                    run(claimed.get(), worker);
                    continue;
                }
            } catch (RuntimeException | Error e) {
                // Database or Kafka trouble (or an Error while recording an outcome): a job whose outcome could not
                // be recorded keeps its lease until it expires, and the reaper makes it runnable again. The loop
                // itself must survive.
                log.warn("worker {}: {}", worker, e.toString());
            }
            if (!idle()) {
                return;
            }
        }
    }

    /** Waits one poll interval (with a little jitter so idle workers do not poll in lockstep). */
    private boolean idle() {
        long poll = config.pollInterval().toMillis();
        try {
            Thread.sleep(poll + ThreadLocalRandom.current().nextLong(poll / 4 + 1));
            return true;
        } catch (InterruptedException e) {
            return running;
        }
    }

    /** One attempt, in the trace of the request that submitted the job (its updates and its handler's calls). */
    private void run(Job job, String worker) {
        traces.runIn(job.traceparent(), "job " + job.type(), () -> attempt(job, worker));
    }

    private void attempt(Job job, String worker) {
        JobContext context = new JobContext(job, worker, store);
        Running current = new Running(job, context, Thread.currentThread());
        inFlight.add(current);
        Timer.Sample sample = Timer.start(meters);
        String outcome;
        try {
            JobHandler handler = handlers.forType(job.type())
                    .orElseThrow(() -> new IllegalStateException("no handler for job type " + job.type()));
            JsonNode result = handler.handle(job.payload(), context);
            if (context.leaseLost()) {
                throw new LeaseLost(job.id().toString());
            }
            outcome = succeed(job, result);
        } catch (JobCancelled e) {
            clearInterrupt();
            store.cancelled(job.id(), job.leaseToken());
            outcome = "cancelled";
        } catch (LeaseLost e) {
            log.warn("worker {} lost its lease on job {}; another worker owns it now", worker, job.id());
            outcome = "lease_lost";
        } catch (Throwable e) {
            // Errors too (an OutOfMemoryError decoding a huge image, a StackOverflowError): the attempt is recorded
            // as failed and retried. Nothing is rethrown, not even a VirtualMachineError: that would only kill this
            // loop thread (the pool silently losing concurrency) and leave the job to wait out its lease. A JVM
            // broken for good fails every attempt and is restarted from outside (-XX:+ExitOnOutOfMemoryError,
            // health checks), not by shrinking the pool one loop at a time.
            if (afterInterrupt(current)) {
                outcome = "released";
            } else if (context.leaseLost()) {
                outcome = "lease_lost";
            } else {
                store.fail(job.id(), job.leaseToken(), describe(e), backoff.afterAttempt(job.attempts()));
                if (e instanceof Error) {
                    log.error("job {} attempt {} failed with an Error", job.id(), job.attempts(), e);
                } else {
                    log.info("job {} attempt {} failed: {}", job.id(), job.attempts(), describe(e));
                }
                outcome = "failed";
            }
        } finally {
            inFlight.remove(current);
            current.finish();
            clearInterrupt();
        }
        sample.stop(Timer.builder("jobs.run.duration")
                .description("time a worker spent on one attempt")
                .tag("type", job.type())
                .tag("outcome", outcome)
                .register(meters));
        Counter.builder("jobs.attempts.finished")
                .description("attempts finished, by outcome: throughput and failures")
                .tag("type", job.type())
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    private String succeed(Job job, JsonNode result) {
        return store.succeed(job.id(), job.leaseToken(), result) ? "succeeded" : "lease_lost";
    }

    /** When shutdown interrupted this job, hand it back to the queue instead of recording an outcome. */
    private boolean afterInterrupt(Running current) {
        if (!current.releasing) {
            return false;
        }
        clearInterrupt();
        store.release(current.job.id(), current.job.leaseToken());
        return true;
    }

    private void renewLeases() {
        for (Running current : inFlight) {
            Job job = current.job;
            try {
                Optional<Boolean> renewed = store.renewLease(job.id(), job.leaseToken(), config.lease());
                if (renewed.isEmpty()) {
                    current.loseLease();
                } else {
                    current.renewedAt = Instant.now();
                    if (renewed.get()) {
                        current.context.markCancelRequested();
                    }
                }
            } catch (RuntimeException | Error e) {
                // Caught whatever it is: a scheduled task that throws is never run again, and every lease would lapse.
                // Past its lease the job may already run elsewhere: stop writing for it even if we cannot tell.
                if (Duration.between(current.renewedAt, Instant.now()).compareTo(config.lease()) > 0) {
                    current.loseLease();
                }
                log.warn("could not renew the lease on job {}: {}", job.id(), e.getMessage());
            }
        }
    }

    private void reapExpiredLeases() {
        try {
            for (Job job : store.reapExpiredLeases()) {
                log.warn("job {} lost its worker ({}); now {}", job.id(), job.error(), job.status());
            }
        } catch (RuntimeException | Error e) {
            // as for renewals: a scheduled task that throws is never run again
            log.warn("could not reap expired leases: {}", e.getMessage());
        }
    }

    private static String describe(Throwable e) {
        String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
    }

    private static void clearInterrupt() {
        Thread.interrupted();
    }

    private static String defaultProcessId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "worker";
        }
        byte[] suffix = new byte[3];
        ThreadLocalRandom.current().nextBytes(suffix);
        return host + "-" + HexFormat.of().formatHex(suffix);
    }

    private static final class Running {
        final Job job;
        final JobContext context;
        final Thread thread;
        volatile Instant renewedAt = Instant.now();
        volatile boolean releasing;
        private boolean finished;

        Running(Job job, JobContext context, Thread thread) {
            this.job = job;
            this.context = context;
            this.thread = thread;
        }

        void release() {
            releasing = true;
            interruptWhileRunning();
        }

        void loseLease() {
            context.markLeaseLost();
            interruptWhileRunning();
        }

        /**
         * The loop thread moves on to its next claim once this job is done; a late interrupt meant for this job
         * would break that claim's database connection (an interrupted virtual thread closes its socket).
         */
        private synchronized void interruptWhileRunning() {
            if (!finished) {
                thread.interrupt();
            }
        }

        synchronized void finish() {
            finished = true;
        }
    }
}
