package dev.syspatterns.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.syspatterns.jobs.worker.WorkerPool;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One jar, two halves: {@code platform.jobs.role} decides whether a process serves the API, runs workers, or both. */
@JobsIntegrationTest
class RolesTest {

    @Test
    void apiRoleServesTheApiAndRunsNoWorkers() {
        try (WorkerProcess api = WorkerProcess.start(
                "api-only",
                1,
                null,
                Map.of("platform.jobs.role", "api", "platform.jobs.media.intake-enabled", "false"))) {
            assertThat(api.context().getBeansOfType(WorkerPool.class)).isEmpty();
            assertThat(api.context().containsBean("jobsController")).isTrue();
            assertThat(api.context().containsBean("mediaUploadedIntake")).isTrue();
        }
    }

    @Test
    void workerRoleRunsWorkersAndServesNoApi() {
        try (WorkerProcess worker = WorkerProcess.start("worker-only", 1, null, Map.of())) {
            assertThat(worker.context().getBean(WorkerPool.class).isRunning()).isTrue();
            assertThat(worker.context().containsBean("jobsController")).isFalse();
            assertThat(worker.context().containsBean("mediaUploadedIntake")).isFalse();
        }
    }
}
