package dev.syspatterns.workflow.saga;

import dev.syspatterns.workflow.events.OrderEventActivities;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the Kafka publisher in time-skipping tests: remembers each update as "STEP STATUS". */
class RecordingOrderEvents implements OrderEventActivities {

    private final List<String> updates = new CopyOnWriteArrayList<>();

    @Override
    public void publishOrderUpdate(String orderId, String step, String status, String detail) {
        updates.add(step + " " + status);
    }

    @Override
    public void confirmOrder(String orderId, String paymentId, String shipmentId) {
        updates.add("CONFIRM SENT");
    }

    List<String> updates() {
        return List.copyOf(updates);
    }
}
