package dev.syspatterns.workflow.saga;

import static dev.syspatterns.workflow.saga.SagaFixtures.newProductId;
import static dev.syspatterns.workflow.saga.SagaFixtures.order;
import static dev.syspatterns.workflow.saga.Steps.AWAIT_APPROVAL;
import static dev.syspatterns.workflow.saga.Steps.CANCEL_SHIPMENT;
import static dev.syspatterns.workflow.saga.Steps.CHARGE_PAYMENT;
import static dev.syspatterns.workflow.saga.Steps.CONFIRM;
import static dev.syspatterns.workflow.saga.Steps.CREATE_SHIPMENT;
import static dev.syspatterns.workflow.saga.Steps.REFUND_PAYMENT;
import static dev.syspatterns.workflow.saga.Steps.RELEASE_STOCK;
import static dev.syspatterns.workflow.saga.Steps.RESERVE_STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syspatterns.workflow.inventory.FakeInventory;
import dev.syspatterns.workflow.inventory.InventoryClient;
import dev.syspatterns.workflow.inventory.InventoryStockActivities;
import dev.syspatterns.workflow.payment.ProviderPaymentActivities;
import dev.syspatterns.workflow.payment.SimulatedPaymentProvider;
import dev.syspatterns.workflow.saga.SagaState.Outcome;
import dev.syspatterns.workflow.shipping.ProviderShippingActivities;
import dev.syspatterns.workflow.shipping.SimulatedShippingProvider;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.json.JsonMapper;

/**
 * The saga's decisions in Temporal's in-process test environment, where timers skip ahead: the real workflow
 * and activities, stock over real HTTP against {@link FakeInventory}, the simulated payment and shipping
 * providers, and a recording publisher instead of Kafka.
 */
class OrderSagaTest {

    private static final FakeInventory inventory = FakeInventory.start();
    private static final SagaPolicy POLICY = SagaFixtures.policy(Duration.ofSeconds(5), Duration.ofHours(1));
    private static final String ADDRESS = "1 Main Street, Springfield";

    @RegisterExtension
    static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(OrderSagaImpl.class)
            .setDoNotStart(true)
            .build();

    private final SimulatedPaymentProvider payments = new SimulatedPaymentProvider(Duration.ofSeconds(1));
    private final SimulatedShippingProvider shipping = new SimulatedShippingProvider(Duration.ofSeconds(1));
    private final RecordingOrderEvents events = new RecordingOrderEvents();
    private String productId;
    private String lastWorkflowId;

    @BeforeEach
    void startWorker(TestWorkflowEnvironment environment, Worker worker) {
        worker.registerActivitiesImplementations(
                new InventoryStockActivities(new InventoryClient(
                        inventory.settings(Duration.ofSeconds(2)),
                        JsonMapper.builder().build())),
                new ProviderPaymentActivities(payments),
                new ProviderShippingActivities(shipping),
                events);
        environment.start();
        productId = newProductId();
        inventory.addProduct(productId, 1_000, 10);
    }

    /**
     * With {@code -Dsaga.recordHistories=true} each scenario's history is saved for {@link OrderSagaReplayTest};
     * re-record after a deliberate, versioned change of the workflow.
     */
    @AfterEach
    void recordHistory(TestInfo test, WorkflowClient client) throws IOException {
        if (Boolean.getBoolean("saga.recordHistories") && lastWorkflowId != null) {
            Path file = Path.of(
                    "src/test/resources/histories",
                    test.getTestMethod().orElseThrow().getName() + ".json");
            Files.createDirectories(file.getParent());
            Files.writeString(file, client.fetchHistory(lastWorkflowId).toJson(true));
        }
    }

    @AfterAll
    static void stopInventory() {
        inventory.close();
    }

    @Test
    void completesTheOrderWhenEveryStepSucceeds(WorkflowClient client, Worker worker) {
        SagaInput order = order(productId, 2, 2_000, "tok_ok", ADDRESS, POLICY);

        SagaState result = saga(client, worker, order).place(order);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.stepsDone()).containsExactly(RESERVE_STOCK, CHARGE_PAYMENT, CREATE_SHIPMENT, CONFIRM);
        assertThat(result.compensationsRun()).isEmpty();
        assertThat(inventory.stockOf(productId)).isEqualTo(8);
        assertThat(payments.chargeOfOrder(order.orderId()))
                .hasValueSatisfying(charge -> assertThat(charge.refunded()).isFalse());
        assertThat(shipping.shipmentOfOrder(order.orderId()))
                .hasValueSatisfying(shipment -> assertThat(shipment.cancelled()).isFalse());
        assertThat(events.updates()).contains("RESERVE_STOCK STARTED", "CONFIRM SENT", "ORDER COMPLETED");
    }

    @Test
    void declinedPaymentReleasesTheStock(WorkflowClient client, Worker worker) {
        SagaInput order = order(productId, 3, 3_000, SimulatedPaymentProvider.DECLINING_TOKEN, ADDRESS, POLICY);

        SagaState result = saga(client, worker, order).place(order);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPENSATED);
        assertThat(result.reason()).contains("CHARGE_PAYMENT failed").contains("Card declined");
        assertThat(result.stepsDone()).containsExactly(RESERVE_STOCK);
        // The refund was registered before the charge ran, so it runs too; with no charge it does nothing.
        assertThat(result.compensationsRun()).containsExactly(REFUND_PAYMENT, RELEASE_STOCK);
        assertThat(inventory.stockOf(productId)).isEqualTo(10);
        assertThat(payments.chargeOfOrder(order.orderId())).isEmpty();
    }

    @Test
    void aReleaseThatFailsForGoodDoesNotKeepTheOtherLinesReserved(WorkflowClient client, Worker worker) {
        // given an order whose first line's reservation can never be released, and a declined payment
        String stuckProduct = newProductId();
        inventory.addProduct(stuckProduct, 1_000, 10);
        inventory.failReleasesOf(stuckProduct);
        SagaInput order = new SagaInput(
                UUID.randomUUID().toString(),
                "customer-1",
                List.of(new SagaInput.OrderLine(stuckProduct, 2), new SagaInput.OrderLine(productId, 3)),
                SimulatedPaymentProvider.DECLINING_TOKEN,
                ADDRESS,
                5_000,
                POLICY);

        SagaState result = saga(client, worker, order).place(order);

        // then the line after the stuck one was released anyway, and the saga says what it could not undo
        assertThat(inventory.stockOf(productId)).isEqualTo(10);
        assertThat(inventory.stockOf(stuckProduct)).isEqualTo(8);
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.reason()).contains("could not undo RELEASE_STOCK");
        assertThat(result.compensationsRun()).containsExactly(REFUND_PAYMENT);
    }

    @Test
    void shippingFailureAfterPaymentRefundsAndReleasesInReverseOrder(WorkflowClient client, Worker worker) {
        SagaInput order = order(productId, 1, 1_000, "tok_ok", "FAIL: nowhere island", POLICY);

        SagaState result = saga(client, worker, order).place(order);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPENSATED);
        assertThat(result.stepsDone()).containsExactly(RESERVE_STOCK, CHARGE_PAYMENT);
        assertThat(result.compensationsRun()).containsExactly(CANCEL_SHIPMENT, REFUND_PAYMENT, RELEASE_STOCK);
        assertThat(payments.chargeOfOrder(order.orderId()))
                .hasValueSatisfying(charge -> assertThat(charge.refunded()).isTrue());
        assertThat(inventory.stockOf(productId)).isEqualTo(10);
        assertThat(events.updates())
                .containsSubsequence(
                        "CREATE_SHIPMENT FAILED",
                        "CANCEL_SHIPMENT COMPENSATED",
                        "REFUND_PAYMENT COMPENSATED",
                        "RELEASE_STOCK COMPENSATED",
                        "ORDER COMPENSATED");
    }

    @Test
    void cancelSignalMidSagaUndoesWhatWasDone(WorkflowClient client, Worker worker) {
        SagaInput order = order(productId, 2, 120_000, "tok_ok", ADDRESS, POLICY);
        OrderSaga saga = saga(client, worker, order);
        WorkflowClient.start(saga::place, order);
        await().atMost(Duration.ofSeconds(10)).until(() -> saga.state().awaitingApproval());
        assertThat(inventory.stockOf(productId)).isEqualTo(8);

        saga.cancel("customer changed their mind");
        SagaState result = WorkflowStub.fromTyped(saga).getResult(SagaState.class);

        assertThat(result.outcome()).isEqualTo(Outcome.CANCELLED);
        assertThat(result.reason()).contains("AWAIT_APPROVAL").contains("customer changed their mind");
        assertThat(result.stepsDone()).containsExactly(RESERVE_STOCK);
        assertThat(result.compensationsRun()).containsExactly(RELEASE_STOCK);
        assertThat(inventory.stockOf(productId)).isEqualTo(10);
        assertThat(payments.chargeOfOrder(order.orderId())).isEmpty();
    }

    @Test
    void largeOrderWithoutApprovalIsCompensatedWhenTheApprovalTimesOut(WorkflowClient client, Worker worker) {
        SagaInput order = order(productId, 2, 120_000, "tok_ok", ADDRESS, POLICY);

        SagaState result = saga(client, worker, order).place(order);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPENSATED);
        assertThat(result.reason()).contains("AWAIT_APPROVAL failed").contains("no approval arrived within PT1H");
        assertThat(result.compensationsRun()).containsExactly(RELEASE_STOCK);
        assertThat(inventory.stockOf(productId)).isEqualTo(10);
    }

    @Test
    void approvedLargeOrderGoesOnToPaymentAndCompletes(WorkflowClient client, Worker worker) {
        SagaInput order = order(productId, 2, 120_000, "tok_ok", ADDRESS, POLICY);
        OrderSaga saga = saga(client, worker, order);
        WorkflowClient.start(saga::place, order);
        await().atMost(Duration.ofSeconds(10)).until(() -> saga.state().awaitingApproval());

        saga.approve();
        SagaState result = WorkflowStub.fromTyped(saga).getResult(SagaState.class);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.stepsDone())
                .containsExactly(RESERVE_STOCK, AWAIT_APPROVAL, CHARGE_PAYMENT, CREATE_SHIPMENT, CONFIRM);
        assertThat(payments.chargeOfOrder(order.orderId()))
                .hasValueSatisfying(charge -> assertThat(charge.amountCents()).isEqualTo(120_000));
    }

    @Test
    void paymentThatFailsTwiceIsRetriedAndTheOrderCompletes(WorkflowClient client, Worker worker) {
        SagaInput order = order(productId, 1, 1_000, SimulatedPaymentProvider.FLAKY_TOKEN, ADDRESS, POLICY);

        SagaState result = saga(client, worker, order).place(order);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(result.compensationsRun()).isEmpty();
        assertThat(payments.chargeOfOrder(order.orderId()))
                .hasValueSatisfying(charge -> assertThat(charge.attempts()).isEqualTo(3));
    }

    @Test
    void inventoryOutageIsRetriedWithBackoff(WorkflowClient client, Worker worker) {
        SagaInput order = order(productId, 1, 1_000, "tok_ok", ADDRESS, POLICY);
        inventory.failNext(2);

        SagaState result = saga(client, worker, order).place(order);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(inventory.stockOf(productId)).isEqualTo(9);
    }

    @Test
    void outOfStockIsNotRetriedAndNothingStaysReserved(WorkflowClient client, Worker worker) {
        SagaInput order = order(productId, 11, 11_000, "tok_ok", ADDRESS, POLICY);
        int requestsBefore = inventory.reservationRequests();

        SagaState result = saga(client, worker, order).place(order);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPENSATED);
        assertThat(result.reason()).contains("RESERVE_STOCK failed").contains("Not enough stock");
        assertThat(inventory.reservationRequests() - requestsBefore).isEqualTo(1);
        assertThat(inventory.stockOf(productId)).isEqualTo(10);
    }

    @Test
    void stepThatTimesOutIsUndoneBecauseItMayHaveHappened(WorkflowClient client, Worker worker) {
        SagaPolicy quick = SagaFixtures.policy(Duration.ofMillis(300), Duration.ofHours(1));
        SagaPolicy twoAttempts = new SagaPolicy(
                quick.stepTimeout(),
                quick.initialRetryInterval(),
                quick.maxRetryInterval(),
                2,
                quick.compensationMaxAttempts(),
                quick.approvalThresholdCents(),
                quick.approvalTimeout());
        SagaInput order = order(productId, 1, 1_000, "tok_ok", "SLOW lane 5", twoAttempts);

        SagaState result = saga(client, worker, order).place(order);

        assertThat(result.outcome()).isEqualTo(Outcome.COMPENSATED);
        assertThat(result.reason()).contains("CREATE_SHIPMENT failed").contains("timed out");
        assertThat(result.compensationsRun()).containsExactly(CANCEL_SHIPMENT, REFUND_PAYMENT, RELEASE_STOCK);
        assertThat(inventory.stockOf(productId)).isEqualTo(10);
    }

    @Test
    void cancellingTheWorkflowInTemporalStillRunsTheCompensations(WorkflowClient client, Worker worker) {
        SagaInput order = order(productId, 4, 120_000, "tok_ok", ADDRESS, POLICY);
        OrderSaga saga = saga(client, worker, order);
        WorkflowClient.start(saga::place, order);
        await().atMost(Duration.ofSeconds(10)).until(() -> saga.state().awaitingApproval());

        WorkflowStub.fromTyped(saga).cancel();
        try {
            WorkflowStub.fromTyped(saga).getResult(SagaState.class);
        } catch (WorkflowFailedException cancelled) {
            // Temporal reports a cancelled workflow as failed; the compensations ran before it ended.
        }

        assertThat(inventory.stockOf(productId)).isEqualTo(10);
        assertThat(events.updates()).containsSubsequence("RELEASE_STOCK COMPENSATED", "ORDER CANCELLED");
    }

    private OrderSaga saga(WorkflowClient client, Worker worker, SagaInput order) {
        lastWorkflowId = OrderSaga.workflowId(order.orderId());
        return client.newWorkflowStub(
                OrderSaga.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(OrderSaga.workflowId(order.orderId()))
                        .setTaskQueue(worker.getTaskQueue())
                        .build());
    }
}
