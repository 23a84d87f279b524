package dev.syspatterns.workflow.events;

import io.temporal.activity.ActivityInterface;

/**
 * Tells the world about the saga. Workflow code must not do I/O (a replay would publish again), so even a
 * Kafka send is an activity.
 */
@ActivityInterface
public interface OrderEventActivities {

    /** Publishes one state change of the order. */
    void publishOrderUpdate(String orderId, String step, String status, String detail);

    /** The saga's last step: tells the customer the order is placed; nothing is undone after it. */
    void confirmOrder(String orderId, String paymentId, String shipmentId);
}
