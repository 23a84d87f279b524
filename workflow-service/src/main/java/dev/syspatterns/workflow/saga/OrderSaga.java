package dev.syspatterns.workflow.saga;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Places one order: reserve stock, (wait for approval above a threshold), charge the payment, book the
 * shipment, confirm. It always ends: either every step is done, or everything done so far is undone.
 */
@WorkflowInterface
public interface OrderSaga {

    /** The workflow id of an order's saga: one order, one saga, however often the request is retried. */
    static String workflowId(String orderId) {
        return "order-" + orderId;
    }

    @WorkflowMethod
    SagaState place(SagaInput order);

    /** Stops the saga wherever it is and undoes what it did. Ignored once the saga has finished. */
    @SignalMethod
    void cancel(String reason);

    /** Lets an order that waits for approval go on to payment. */
    @SignalMethod
    void approve();

    @QueryMethod
    SagaState state();
}
