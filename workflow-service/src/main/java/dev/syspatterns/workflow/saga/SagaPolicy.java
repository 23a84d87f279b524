package dev.syspatterns.workflow.saga;

import dev.syspatterns.workflow.WorkflowProperties;
import java.time.Duration;

/**
 * Timeouts, retries and the approval rule of one saga. It is part of the workflow input, so it is in the
 * history: a replay or a restarted worker sees exactly the policy the saga started with.
 *
 * @param maxAttempts attempts of a forward step on transient errors (business errors are never retried)
 * @param compensationMaxAttempts attempts of an undo step; after that the saga ends FAILED and says what
 *     could not be undone
 */
public record SagaPolicy(
        Duration stepTimeout,
        Duration initialRetryInterval,
        Duration maxRetryInterval,
        int maxAttempts,
        int compensationMaxAttempts,
        long approvalThresholdCents,
        Duration approvalTimeout) {

    public static SagaPolicy from(WorkflowProperties.Saga saga) {
        return new SagaPolicy(
                saga.stepTimeout(),
                saga.initialRetryInterval(),
                saga.maxRetryInterval(),
                saga.maxAttempts(),
                saga.compensationMaxAttempts(),
                saga.approvalThresholdCents(),
                saga.approvalTimeout());
    }
}
