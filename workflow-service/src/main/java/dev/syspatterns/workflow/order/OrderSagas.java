package dev.syspatterns.workflow.order;

import dev.syspatterns.workflow.WorkflowProperties;
import dev.syspatterns.workflow.inventory.InventoryClient;
import dev.syspatterns.workflow.saga.OrderSaga;
import dev.syspatterns.workflow.saga.SagaInput;
import dev.syspatterns.workflow.saga.SagaPolicy;
import dev.syspatterns.workflow.saga.SagaState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Starts, reads and steers order sagas in Temporal. */
@Service
class OrderSagas {

    private final WorkflowClient temporal;
    private final InventoryClient inventory;
    private final WorkflowProperties properties;

    OrderSagas(WorkflowClient temporal, InventoryClient inventory, WorkflowProperties properties) {
        this.temporal = temporal;
        this.inventory = inventory;
        this.properties = properties;
    }

    /**
     * Checks the products and prices the order, then starts its saga. With an idempotency key the order id
     * (and so the workflow id) is derived from the key: a retried request finds the saga already started
     * and gets the same answer.
     */
    String place(PlaceOrder request, Optional<String> idempotencyKey) {
        long amountCents = priceOf(request.items());
        String orderId = idempotencyKey
                .map(key -> orderIdFor(request.customerId(), key))
                .orElseGet(() -> UUID.randomUUID().toString());
        SagaInput input = new SagaInput(
                orderId,
                request.customerId(),
                request.items().stream()
                        .map(item -> new SagaInput.OrderLine(item.productId(), item.quantity()))
                        .toList(),
                request.paymentToken(),
                request.shippingAddress(),
                amountCents,
                SagaPolicy.from(properties.saga()));
        OrderSaga saga = temporal.newWorkflowStub(
                OrderSaga.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(OrderSaga.workflowId(orderId))
                        .setTaskQueue(properties.taskQueue())
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                        .build());
        try {
            WorkflowClient.start(saga::place, input);
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // The same idempotency key came again: the first request started the saga.
        }
        return orderId;
    }

    /** The order id an idempotency key stands for; per customer, so two customers' keys never collide. */
    static String orderIdFor(String customerId, String idempotencyKey) {
        return UUID.nameUUIDFromBytes(("order/" + customerId + "/" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    SagaState state(String orderId) {
        try {
            return stub(orderId).state();
        } catch (WorkflowNotFoundException e) {
            throw new OrderProblems.OrderNotFound(orderId);
        } catch (WorkflowServiceException e) {
            if (isNotFound(e)) {
                throw new OrderProblems.OrderNotFound(orderId);
            }
            throw e;
        }
    }

    void cancel(String orderId, String reason) {
        running(orderId);
        stub(orderId).cancel(reason);
    }

    void approve(String orderId) {
        SagaState state = running(orderId);
        if (!state.awaitingApproval()) {
            throw new OrderProblems.NotAwaitingApproval(orderId, state.currentStep());
        }
        stub(orderId).approve();
    }

    private SagaState running(String orderId) {
        SagaState state = state(orderId);
        if (state.outcome() != SagaState.Outcome.RUNNING) {
            throw new OrderProblems.OrderFinished(orderId, state.outcome().name());
        }
        return state;
    }

    private OrderSaga stub(String orderId) {
        return temporal.newWorkflowStub(OrderSaga.class, OrderSaga.workflowId(orderId));
    }

    // Prices come from inventory, never from the client; an unknown product stops the order before it starts.
    private long priceOf(List<PlaceOrder.Item> items) {
        List<String> unknown = new ArrayList<>();
        long total = 0;
        for (String productId : new LinkedHashSet<>(
                items.stream().map(PlaceOrder.Item::productId).toList())) {
            Optional<InventoryClient.Product> product = inventory.findProduct(productId);
            if (product.isEmpty()) {
                unknown.add(productId);
                continue;
            }
            long quantity = items.stream()
                    .filter(item -> item.productId().equals(productId))
                    .mapToLong(PlaceOrder.Item::quantity)
                    .sum();
            total += product.get().priceCents() * quantity;
        }
        if (!unknown.isEmpty()) {
            throw new OrderProblems.UnknownProducts(unknown);
        }
        return total;
    }

    private static boolean isNotFound(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof WorkflowNotFoundException
                    || (cause instanceof StatusRuntimeException status
                            && status.getStatus().getCode() == Status.Code.NOT_FOUND)) {
                return true;
            }
        }
        return false;
    }
}
