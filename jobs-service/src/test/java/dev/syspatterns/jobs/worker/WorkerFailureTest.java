package dev.syspatterns.jobs.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.jobs.JobsApi;
import dev.syspatterns.jobs.JobsIntegrationTest;
import dev.syspatterns.jobs.WorkerProcess;
import dev.syspatterns.testsupport.Infrastructure;
import dev.syspatterns.testsupport.TcpProxy;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A worker process that dies mid-job, and one that shuts down gracefully. The main worker pool is paused
 * while the other process claims the job, so that it is that process which holds it.
 */
@JobsIntegrationTest
class WorkerFailureTest {

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkerPool mainWorkers;

    JobsApi api;

    @BeforeEach
    void pauseMainWorkers() {
        api = new JobsApi(port);
        mainWorkers.stop();
    }

    @AfterEach
    void resumeMainWorkers() {
        mainWorkers.start();
    }

    @Test
    void jobOfAWorkerKilledMidJobCompletesOnceOnAnotherWorker() {
        // given a worker process whose every connection to the database goes through a proxy we can cut
        var pg = Infrastructure.get().postgres();
        UUID id;
        try (TcpProxy database = TcpProxy.to(pg.host(), pg.port())) {
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + database.port() + "/test_jobs";
            WorkerProcess doomed =
                    WorkerProcess.start("doomed", 1, jdbcUrl, Map.of("platform.jobs.worker.shutdown-grace", "100ms"));
            assertThat(doomed.context().containsBean("jobsController"))
                    .as("a worker-role process serves no job API")
                    .isFalse();

            // and it is in the middle of a job
            id = api.submitted("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":3000,\"steps\":6}}");
            api.awaitJob(id, Duration.ofSeconds(15), job -> job.get("progress").asInt() >= 30);

            // when it dies: it can no longer reach the database (no renewal, no release), then it stops
            database.cut();
            doomed.close();
        }
        assertThat(api.job(id).get("status").stringValue()).isEqualTo("RUNNING");

        // then after its lease runs out another worker runs the job to the end
        mainWorkers.start();
        JsonNode done = api.awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(30));

        // once: the lost attempt is on record, and the side effect was applied a single time, by main
        assertThat(done.get("attempts").asInt()).isEqualTo(2);
        JsonNode attempts = api.get("/api/jobs/" + id + "/attempts").body();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("worker").stringValue()).isEqualTo("doomed:0");
        assertThat(attempts.get(0).get("outcome").stringValue()).isEqualTo("LEASE_EXPIRED");
        assertThat(attempts.get(1).get("worker").stringValue()).startsWith(JobsIntegrationTest.MAIN_WORKER + ":");
        assertThat(attempts.get(1).get("outcome").stringValue()).isEqualTo("SUCCEEDED");
        Map<String, Object> effect = jdbc.sql("select applications, worker from demo_effects where job_id = :id")
                .param("id", id)
                .query()
                .singleRow();
        assertThat(effect.get("applications")).isEqualTo(1);
        assertThat((String) effect.get("worker")).startsWith(JobsIntegrationTest.MAIN_WORKER + ":");
    }

    @Test
    void gracefulShutdownReleasesARunningJobWithoutSpendingAnAttempt() {
        // given a worker process in the middle of a long job
        UUID id;
        try (WorkerProcess leaving =
                WorkerProcess.start("leaving", 1, null, Map.of("platform.jobs.worker.shutdown-grace", "200ms"))) {
            id = api.submitted("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":4000,\"steps\":8}}");
            api.awaitJob(id, Duration.ofSeconds(15), job -> job.get("progress").asInt() >= 25);
            // when it shuts down before the job can finish
        }

        // then the job is back in the queue at once, its interrupted attempt not counted
        JsonNode released = api.job(id);
        assertThat(released.get("status").stringValue()).isEqualTo("QUEUED");
        assertThat(released.get("attempts").asInt()).isZero();

        // and another worker runs it to the end on its first counted attempt
        mainWorkers.start();
        JsonNode done = api.awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(30));
        assertThat(done.get("attempts").asInt()).isEqualTo(1);
    }
}
