package dev.syspatterns.jobs.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.jobs.JobsIntegrationTest;
import dev.syspatterns.jobs.worker.WorkerPool;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/** The queue's claim order and lease fencing, driven directly with the worker pool paused. */
@JobsIntegrationTest
class JobStoreTest {

    @Autowired
    JobStore store;

    @Autowired
    WorkerPool mainWorkers;

    @Autowired
    JsonMapper json;

    @BeforeEach
    void pauseWorkers() {
        mainWorkers.stop();
    }

    @AfterEach
    void resumeWorkers() {
        mainWorkers.start();
    }

    @Test
    void claimsTheHighestPriorityRunnableJobFirstAndSkipsDelayedOnes() {
        // given (with priorities above anything else the suite enqueues) a delayed urgent job, a normal and an urgent
        // one
        Job delayed = enqueue(900, Instant.now().plusSeconds(60));
        Job normal = enqueue(800, null);
        Job urgent = enqueue(850, null);

        // when a worker claims twice
        Job first = store.claim("test-claimer", Duration.ofSeconds(30)).orElseThrow();
        Job second = store.claim("test-claimer", Duration.ofSeconds(30)).orElseThrow();

        // then it gets the urgent job, then the normal one; the delayed job waits for its time
        assertThat(first.id()).isEqualTo(urgent.id());
        assertThat(second.id()).isEqualTo(normal.id());
        assertThat(first.status()).isEqualTo(JobStatus.RUNNING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(store.find(delayed.id()).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);

        store.succeed(first.id(), first.leaseToken(), null);
        store.succeed(second.id(), second.leaseToken(), null);
        store.cancel(delayed.id());
    }

    @Test
    void aWorkerWhoseLeaseWasReapedCanNoLongerChangeTheJob() throws InterruptedException {
        // given a job claimed with a lease that runs out
        Job job = enqueue(990, null);
        Job claimed = store.claim("test-zombie", Duration.ofMillis(100)).orElseThrow();
        assertThat(claimed.id()).isEqualTo(job.id());
        Thread.sleep(300);

        // when the reaper notices and another worker claims it
        assertThat(store.reapExpiredLeases()).extracting(Job::id).contains(job.id());
        Optional<Job> again = store.claim("test-rescuer", Duration.ofSeconds(30));
        assertThat(again).map(Job::id).contains(job.id());

        // then the first worker's late writes change nothing, while the rescuer's count
        assertThat(store.renewLease(job.id(), claimed.leaseToken(), Duration.ofSeconds(30)))
                .isEmpty();
        assertThat(store.progress(job.id(), claimed.leaseToken(), 50)).isFalse();
        assertThat(store.succeed(job.id(), claimed.leaseToken(), null)).isFalse();
        assertThat(store.succeed(job.id(), again.orElseThrow().leaseToken(), null))
                .isTrue();
        Job done = store.find(job.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(store.attempts(job.id()))
                .extracting(JobAttempt::worker, JobAttempt::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("test-zombie", "LEASE_EXPIRED"),
                        org.assertj.core.groups.Tuple.tuple("test-rescuer", "SUCCEEDED"));
    }

    private Job enqueue(int priority, Instant runAt) {
        return store.enqueue(new NewJob(
                        "demo.sleep",
                        json.createObjectNode()
                                .put("durationMs", 10)
                                .put("marker", UUID.randomUUID().toString()),
                        runAt,
                        priority,
                        3,
                        null))
                .job();
    }
}
