package dev.syspatterns.workflow.saga;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.ReplayResults;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Histories recorded from earlier runs (src/test/resources/histories, written by {@link OrderSagaTest} with
 * {@code -Dsaga.recordHistories=true}) replay against today's workflow code. A change that would make a
 * running saga take a different path fails here as non-determinism, before it reaches a live worker.
 */
class OrderSagaReplayTest {

    @Test
    void recordedHistoriesReplayWithoutNonDeterminism() throws Exception {
        List<WorkflowExecutionHistory> histories = recordedHistories();
        assertThat(histories).hasSizeGreaterThanOrEqualTo(6);

        ReplayResults results = WorkflowReplayer.replayWorkflowExecutions(histories, false, OrderSagaImpl.class);

        assertThat(results.allErrors()).isEmpty();
    }

    private static List<WorkflowExecutionHistory> recordedHistories() throws IOException {
        List<WorkflowExecutionHistory> histories = new ArrayList<>();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:histories/*.json")) {
            histories.add(WorkflowExecutionHistory.fromJson(resource.getContentAsString(StandardCharsets.UTF_8)));
        }
        return histories;
    }
}
