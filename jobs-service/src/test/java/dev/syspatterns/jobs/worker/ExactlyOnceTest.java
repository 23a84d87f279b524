package dev.syspatterns.jobs.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.jobs.JobsApi;
import dev.syspatterns.jobs.JobsIntegrationTest;
import dev.syspatterns.jobs.WorkerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Four workers in two processes compete for one table; SKIP LOCKED and leases keep each job to one run. */
@JobsIntegrationTest
class ExactlyOnceTest {

    private static final int JOBS = 200;

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void runsTwoHundredJobsExactlyOnceAcrossFourWorkers() {
        String batch = UUID.randomUUID().toString();
        // given four workers: two in this process ("main") and two in a second worker process
        try (WorkerProcess second = WorkerProcess.start("second", 2, null, Map.of())) {
            JobsApi api = new JobsApi(port);

            // when 200 short jobs are submitted
            for (int i = 0; i < JOBS; i++) {
                api.submitted("{\"type\":\"demo.sleep\",\"payload\":{\"durationMs\":20,\"batch\":\"" + batch + "\"}}");
            }

            // then every one of them succeeds
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> count(
                                    "select count(*) from jobs where payload->>'batch' = :batch and status = 'SUCCEEDED'",
                                    batch)
                            == JOBS);
        }
        // ... on its first attempt, with exactly one attempt recorded and its side effect applied exactly once
        assertThat(count("select count(*) from jobs where payload->>'batch' = :batch and attempts = 1", batch))
                .isEqualTo(JOBS);
        assertThat(count(
                        "select count(*) from job_attempts a join jobs j on j.id = a.job_id where j.payload->>'batch' = :batch",
                        batch))
                .isEqualTo(JOBS);
        assertThat(count("""
                        select count(*) from demo_effects e join jobs j on j.id = e.job_id
                        where j.payload->>'batch' = :batch and e.applications = 1
                        """, batch)).isEqualTo(JOBS);
        assertThat(count("""
                        select count(*) from demo_effects e join jobs j on j.id = e.job_id
                        where j.payload->>'batch' = :batch and e.applications <> 1
                        """, batch)).isZero();
        // and both processes took part
        List<String> processes =
                jdbc.sql("""
                        select distinct split_part(e.worker, ':', 1) from demo_effects e join jobs j on j.id = e.job_id
                        where j.payload->>'batch' = :batch
                        """).param("batch", batch).query(String.class).list();
        assertThat(processes).containsExactlyInAnyOrder(JobsIntegrationTest.MAIN_WORKER, "second");
    }

    private long count(String sql, String batch) {
        return jdbc.sql(sql).param("batch", batch).query(Long.class).single();
    }
}
