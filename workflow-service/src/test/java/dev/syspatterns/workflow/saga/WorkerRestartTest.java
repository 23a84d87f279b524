package dev.syspatterns.workflow.saga;

import static dev.syspatterns.workflow.saga.Steps.AWAIT_APPROVAL;
import static dev.syspatterns.workflow.saga.Steps.CHARGE_PAYMENT;
import static dev.syspatterns.workflow.saga.Steps.CONFIRM;
import static dev.syspatterns.workflow.saga.Steps.CREATE_SHIPMENT;
import static dev.syspatterns.workflow.saga.Steps.RESERVE_STOCK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.syspatterns.testsupport.RealInfrastructure;
import dev.syspatterns.workflow.events.OrderEventActivities;
import dev.syspatterns.workflow.inventory.FakeInventory;
import dev.syspatterns.workflow.inventory.StockActivities;
import dev.syspatterns.workflow.payment.PaymentActivities;
import dev.syspatterns.workflow.payment.SimulatedPaymentProvider;
import dev.syspatterns.workflow.saga.SagaState.Outcome;
import dev.syspatterns.workflow.shipping.ShippingActivities;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The saga outlives its worker, on the real Temporal server: the service's worker dies in the middle of a
 * saga, the saga waits in Temporal, and a new worker (with an empty cache, so it rebuilds the saga from its
 * history) finishes it.
 */
@SpringBootTest
@RealInfrastructure
@DirtiesContext
class WorkerRestartTest {

    private static final FakeInventory inventory = FakeInventory.start();
    private static final String TASK_QUEUE = "order-saga-restart-" + UUID.randomUUID();
    private static final String RESTART_QUEUE = TASK_QUEUE + "-restart";

    @DynamicPropertySource
    static void pointAtTheTestInventoryAndAQueueOfOurOwn(DynamicPropertyRegistry registry) {
        registry.add("platform.workflow.inventory.url", () -> inventory.url().toString());
        registry.add("platform.workflow.task-queue", () -> TASK_QUEUE);
        registry.add("platform.workflow.saga.initial-retry-interval", () -> "200ms");
        registry.add("platform.workflow.saga.max-retry-interval", () -> "1s");
        // As ./platform runs the service against the local Java test server, which never moves a task off a
        // dead worker's sticky queue (a cluster does): with sticky on, the approve task would wait there forever.
        registry.add("platform.workflow.worker.sticky-execution", () -> "false");
    }

    @Autowired
    WorkflowClient client;

    @Autowired
    StockActivities stock;

    @Autowired
    PaymentActivities payment;

    @Autowired
    ShippingActivities shipping;

    @Autowired
    OrderEventActivities events;

    @Autowired
    SimulatedPaymentProvider payments;

    @Autowired
    SagaWorkerOptions workerOptions;

    private WorkerFactory startWorker() {
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker(
                RESTART_QUEUE,
                workerOptions
                        .customize(WorkerOptions.newBuilder(), "restart-test", RESTART_QUEUE)
                        .build());
        worker.registerWorkflowImplementationTypes(OrderSagaImpl.class);
        worker.registerActivitiesImplementations(stock, payment, shipping, events);
        factory.start();
        return factory;
    }

    @AfterAll
    static void stopInventory() {
        inventory.close();
    }

    @Test
    void sagaCompletesAfterTheWorkerDiesMidSagaAndComesBack() throws Exception {
        String productId = SagaFixtures.newProductId();
        inventory.addProduct(productId, 60_000, 10);
        SagaInput order = SagaFixtures.order(
                productId,
                2,
                120_000,
                "tok_ok",
                "1 Main Street",
                SagaFixtures.policy(Duration.ofSeconds(5), Duration.ofMinutes(5)));
        OrderSaga saga = client.newWorkflowStub(
                OrderSaga.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(OrderSaga.workflowId(order.orderId()))
                        .setTaskQueue(RESTART_QUEUE)
                        .build());
        WorkerFactory first = startWorker();
        WorkflowClient.start(saga::place, order);
        await().atMost(Duration.ofSeconds(30)).until(() -> saga.state().awaitingApproval());
        assertThat(inventory.stockOf(productId)).isEqualTo(8);

        first.shutdownNow();
        first.awaitTermination(10, TimeUnit.SECONDS);
        assertThat(first.isTerminated()).isTrue();
        saga.approve();
        Thread.sleep(1_000);
        assertThat(payments.chargeOfOrder(order.orderId()))
                .as("nothing runs the saga while no worker is up")
                .isEmpty();

        WorkerFactory revived = startWorker();
        try {

            SagaState result = WorkflowStub.fromTyped(saga).getResult(60, TimeUnit.SECONDS, SagaState.class);

            assertThat(result.outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(result.stepsDone())
                    .containsExactly(RESERVE_STOCK, AWAIT_APPROVAL, CHARGE_PAYMENT, CREATE_SHIPMENT, CONFIRM);
            assertThat(inventory.stockOf(productId)).isEqualTo(8);
            assertThat(payments.chargeOfOrder(order.orderId()))
                    .hasValueSatisfying(
                            charge -> assertThat(charge.amountCents()).isEqualTo(120_000));
        } finally {
            revived.shutdownNow();
            revived.awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
