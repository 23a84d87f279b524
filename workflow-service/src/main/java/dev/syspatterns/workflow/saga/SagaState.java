package dev.syspatterns.workflow.saga;

import java.util.List;

/**
 * Where a saga is, as its query answers it.
 *
 * @param currentStep the step (or compensation) running now, or the last one when finished
 * @param stepsDone forward steps that completed, in order
 * @param compensationsRun undo steps that completed, in the order they ran (the reverse of the steps)
 * @param reason why the saga did not complete, or null
 */
public record SagaState(
        String orderId,
        String currentStep,
        List<String> stepsDone,
        List<String> compensationsRun,
        boolean awaitingApproval,
        Outcome outcome,
        String reason) {

    public enum Outcome {
        RUNNING,
        /** Every step done. */
        COMPLETED,
        /** A step failed for good; what was done is undone. */
        COMPENSATED,
        /** Cancelled by a signal or by Temporal; what was done is undone. */
        CANCELLED,
        /** Something could not be undone even after retries: needs a human. */
        FAILED
    }
}
