package dev.syspatterns.workflow.saga;

import static dev.syspatterns.workflow.saga.Steps.AWAIT_APPROVAL;
import static dev.syspatterns.workflow.saga.Steps.CANCEL_SHIPMENT;
import static dev.syspatterns.workflow.saga.Steps.CHARGE_PAYMENT;
import static dev.syspatterns.workflow.saga.Steps.CONFIRM;
import static dev.syspatterns.workflow.saga.Steps.CREATE_SHIPMENT;
import static dev.syspatterns.workflow.saga.Steps.REFUND_PAYMENT;
import static dev.syspatterns.workflow.saga.Steps.RELEASE_STOCK;
import static dev.syspatterns.workflow.saga.Steps.RESERVE_STOCK;

import dev.syspatterns.workflow.events.OrderEventActivities;
import dev.syspatterns.workflow.inventory.StockActivities;
import dev.syspatterns.workflow.payment.PaymentActivities;
import dev.syspatterns.workflow.saga.SagaState.Outcome;
import dev.syspatterns.workflow.shipping.ShippingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Workflow;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.slf4j.Logger;

/**
 * The order saga. Each step registers its undo <em>before</em> it runs, so a step that timed out (and may
 * have happened) is undone too; every undo is idempotent because the ids it undoes were chosen here. The
 * forward steps run in their own cancellation scope, which a cancel signal cancels; the undo steps run in
 * a detached scope, so they run even when the workflow itself is being cancelled.
 *
 * <p>Workflow code is replayed: it only decides, and everything with a side effect is an activity.
 */
@WorkflowImpl(taskQueues = "${platform.workflow.task-queue:order-saga}")
public class OrderSagaImpl implements OrderSaga {

    private static final Logger log = Workflow.getLogger(OrderSagaImpl.class);
    private static final String APPROVAL_TIMED_OUT = "ApprovalTimedOut";
    private static final String RELEASE_EVERY_LINE = "release-every-line";

    private record Compensation(String name, Functions.Proc undo) {}

    private final List<String> stepsDone = new ArrayList<>();
    private final List<String> compensationsRun = new ArrayList<>();
    private final Deque<Compensation> compensations = new ArrayDeque<>();
    private String orderId;
    private String currentStep = "STARTING";
    private boolean awaitingApproval;
    private boolean approved;
    private boolean cancelRequested;
    private String cancelReason;
    private Outcome outcome = Outcome.RUNNING;
    private String reason;
    private CancellationScope forward;
    private OrderEventActivities events;

    @Override
    public SagaState place(SagaInput order) {
        orderId = order.orderId();
        events = Workflow.newLocalActivityStub(
                OrderEventActivities.class,
                LocalActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(10))
                        .setRetryOptions(
                                RetryOptions.newBuilder().setMaximumAttempts(3).build())
                        .build());
        forward = Workflow.newCancellationScope(() -> runSteps(order));
        try {
            if (cancelRequested) {
                throw new CanceledFailure(cancelReason);
            }
            forward.run();
            finish(Outcome.COMPLETED, null);
        } catch (ActivityFailure | CanceledFailure | ApplicationFailure e) {
            String failedStep = currentStep;
            boolean cancelled = cancelRequested || isCancellation(e);
            String why = cancelled
                    ? "Cancelled during " + failedStep + ": "
                            + (cancelReason == null ? "cancelled in Temporal" : cancelReason)
                    : failedStep + " failed: " + describe(e);
            Workflow.newDetachedCancellationScope(() -> {
                        publish(failedStep, cancelled ? "CANCELLED" : "FAILED", why);
                        List<String> notUndone = compensate();
                        if (notUndone.isEmpty()) {
                            finish(cancelled ? Outcome.CANCELLED : Outcome.COMPENSATED, why);
                        } else {
                            finish(Outcome.FAILED, why + "; could not undo " + String.join("; ", notUndone));
                        }
                    })
                    .run();
        }
        return state();
    }

    private void runSteps(SagaInput order) {
        SagaPolicy policy = order.policy();
        ActivityOptions step = options(policy, policy.maxAttempts());
        ActivityOptions undo = options(policy, policy.compensationMaxAttempts());
        StockActivities stock = Workflow.newActivityStub(StockActivities.class, step);
        StockActivities stockUndo = Workflow.newActivityStub(StockActivities.class, undo);
        PaymentActivities payment = Workflow.newActivityStub(PaymentActivities.class, step);
        PaymentActivities paymentUndo = Workflow.newActivityStub(PaymentActivities.class, undo);
        ShippingActivities shipping = Workflow.newActivityStub(ShippingActivities.class, step);
        ShippingActivities shippingUndo = Workflow.newActivityStub(ShippingActivities.class, undo);
        OrderEventActivities confirmation = Workflow.newActivityStub(OrderEventActivities.class, step);

        List<String> reservationIds = IntStream.range(0, order.lines().size())
                .mapToObj(i -> requestId("reservation-" + i))
                .toList();
        begin(RESERVE_STOCK, null);
        compensations.push(new Compensation(RELEASE_STOCK, () -> releaseEach(stockUndo, reservationIds)));
        for (int i = 0; i < order.lines().size(); i++) {
            SagaInput.OrderLine line = order.lines().get(i);
            stock.reserveStock(reservationIds.get(i), line.productId(), line.quantity());
        }
        done(RESERVE_STOCK);

        if (order.amountCents() > policy.approvalThresholdCents()) {
            awaitApproval(order, policy);
        }

        String chargeId = requestId("charge");
        begin(CHARGE_PAYMENT, null);
        compensations.push(new Compensation(REFUND_PAYMENT, () -> paymentUndo.refundPayment(chargeId)));
        String paymentId = payment.chargePayment(chargeId, orderId, order.amountCents(), order.paymentToken());
        done(CHARGE_PAYMENT);

        String shipmentId = requestId("shipment");
        begin(CREATE_SHIPMENT, null);
        compensations.push(new Compensation(CANCEL_SHIPMENT, () -> shippingUndo.cancelShipment(shipmentId)));
        shipping.createShipment(shipmentId, orderId, order.shippingAddress());
        done(CREATE_SHIPMENT);

        begin(CONFIRM, null);
        confirmation.confirmOrder(orderId, paymentId, shipmentId);
        done(CONFIRM);
    }

    private void awaitApproval(SagaInput order, SagaPolicy policy) {
        begin(
                AWAIT_APPROVAL,
                "Amount " + order.amountCents() + " cents is above " + policy.approvalThresholdCents()
                        + ": waiting up to " + policy.approvalTimeout() + " for approval");
        awaitingApproval = true;
        try {
            if (!Workflow.await(policy.approvalTimeout(), () -> approved)) {
                throw ApplicationFailure.newNonRetryableFailure(
                        "no approval arrived within " + policy.approvalTimeout(), APPROVAL_TIMED_OUT);
            }
        } finally {
            awaitingApproval = false;
        }
        done(AWAIT_APPROVAL);
    }

    /**
     * Releases every line, even after one release failed for good, then fails with the first failure: a stuck
     * reservation must not keep the other lines' stock. Each release is its own activity with its own retries, and
     * releasing is idempotent.
     */
    private static void releaseEach(StockActivities stockUndo, List<String> reservationIds) {
        if (Workflow.getVersion(RELEASE_EVERY_LINE, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            // A history that reached this point before the change (no version marker) stopped at the first failure.
            reservationIds.forEach(stockUndo::releaseStock);
            return;
        }
        ActivityFailure firstFailure = null;
        for (String reservationId : reservationIds) {
            try {
                stockUndo.releaseStock(reservationId);
            } catch (ActivityFailure e) {
                firstFailure = firstFailure == null ? e : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }

    /** Runs the undo steps newest first; returns what could not be undone. */
    private List<String> compensate() {
        List<String> notUndone = new ArrayList<>();
        while (!compensations.isEmpty()) {
            Compensation compensation = compensations.pop();
            currentStep = compensation.name();
            try {
                compensation.undo().apply();
                compensationsRun.add(compensation.name());
                publish(compensation.name(), "COMPENSATED", null);
            } catch (ActivityFailure e) {
                // Keep undoing the rest: a stuck refund must not keep the stock reserved.
                notUndone.add(compensation.name() + " (" + describe(e) + ")");
                publish(compensation.name(), "FAILED", describe(e));
            }
        }
        return notUndone;
    }

    private void begin(String step, String detail) {
        currentStep = step;
        publish(step, "STARTED", detail);
    }

    private void done(String step) {
        stepsDone.add(step);
        publish(step, "COMPLETED", null);
    }

    private void finish(Outcome finalOutcome, String why) {
        outcome = finalOutcome;
        reason = why;
        publish("ORDER", finalOutcome.name(), why);
    }

    private void publish(String step, String status, String detail) {
        try {
            events.publishOrderUpdate(orderId, step, status, detail);
        } catch (ActivityFailure e) {
            if (isCancellation(e)) {
                throw e;
            }
            // An update that could not be published is lost to push clients; the query still tells the truth.
            log.warn("Order {}: could not publish {} {}: {}", orderId, step, status, describe(e));
        }
    }

    @Override
    public void cancel(String why) {
        if (outcome != Outcome.RUNNING || cancelRequested) {
            return;
        }
        cancelRequested = true;
        cancelReason = why == null || why.isBlank() ? "cancel requested" : why;
        if (forward != null) {
            forward.cancel(cancelReason);
        }
    }

    @Override
    public void approve() {
        approved = true;
    }

    @Override
    public SagaState state() {
        return new SagaState(
                orderId,
                currentStep,
                List.copyOf(stepsDone),
                List.copyOf(compensationsRun),
                awaitingApproval,
                outcome,
                reason);
    }

    // Derived from the order id, not random: the same order always undoes exactly what it did.
    private String requestId(String purpose) {
        return UUID.nameUUIDFromBytes((orderId + "/" + purpose).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static ActivityOptions options(SagaPolicy policy, int attempts) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(policy.stepTimeout())
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(policy.initialRetryInterval())
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(policy.maxRetryInterval())
                        .setMaximumAttempts(attempts)
                        .build())
                .build();
    }

    private static boolean isCancellation(Throwable e) {
        return e instanceof CanceledFailure || e.getCause() instanceof CanceledFailure;
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null
                && !(cause instanceof ApplicationFailure)
                && !(cause instanceof TimeoutFailure)) {
            cause = cause.getCause();
        }
        if (cause instanceof ApplicationFailure failure) {
            return failure.getOriginalMessage();
        }
        if (cause instanceof TimeoutFailure timeout) {
            return "timed out (" + timeout.getTimeoutType() + ")";
        }
        return cause.getMessage();
    }
}
