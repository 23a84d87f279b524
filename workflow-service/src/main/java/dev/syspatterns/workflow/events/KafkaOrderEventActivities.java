package dev.syspatterns.workflow.events;

import dev.syspatterns.events.OrderUpdated;
import dev.syspatterns.events.Topics;
import io.temporal.spring.boot.ActivityImpl;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes {@link OrderUpdated} to {@link Topics#ORDER_UPDATED}, keyed by order id so one order's updates
 * stay in order on one partition; realtime-service pushes them to channel {@code order.{id}}. The send waits
 * for the broker's ack, so a failed send fails the activity and Temporal retries it.
 */
@Component
@ActivityImpl(taskQueues = "${platform.workflow.task-queue:order-saga}")
public class KafkaOrderEventActivities implements OrderEventActivities {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;

    public KafkaOrderEventActivities(KafkaTemplate<String, String> kafka, JsonMapper json) {
        this.kafka = kafka;
        this.json = json;
    }

    @Override
    public void publishOrderUpdate(String orderId, String step, String status, String detail) {
        OrderUpdated event = OrderUpdated.of(orderId, step, status, detail);
        try {
            kafka.send(Topics.ORDER_UPDATED, orderId, json.writeValueAsString(event))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + event, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take " + event, e);
        }
    }

    @Override
    public void confirmOrder(String orderId, String paymentId, String shipmentId) {
        publishOrderUpdate(
                orderId, "CONFIRM", "COMPLETED", "Order placed: payment " + paymentId + ", shipment " + shipmentId);
    }
}
