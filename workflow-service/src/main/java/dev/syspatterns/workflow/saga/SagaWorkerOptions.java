package dev.syspatterns.workflow.saga;

import dev.syspatterns.workflow.WorkflowProperties;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Options for every worker that runs the saga (the service's own, and any a test starts). With sticky
 * execution off, the SDK sends no sticky attributes (a zero sticky schedule-to-start timeout means none), so
 * each workflow task goes through the normal queue and whichever worker takes it replays the history.
 */
@Component
public class SagaWorkerOptions implements WorkerOptionsCustomizer {

    private final boolean stickyExecution;

    SagaWorkerOptions(WorkflowProperties properties) {
        this.stickyExecution = properties.worker().stickyExecution();
    }

    @Override
    public WorkerOptions.Builder customize(WorkerOptions.Builder options, String workerName, String taskQueue) {
        return stickyExecution ? options : options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
}
