package dev.syspatterns.workflow.shipping;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process carrier with deterministic failure triggers, chosen by the shipping address:
 *
 * <ul>
 *   <li>an address containing {@code FAIL} is rejected (a business error, never retried);
 *   <li>an address containing {@code SLOW} takes {@code platform.workflow.simulation.slow-step-delay}, longer
 *       than a step may take: the booking times out, may or may not exist, and is cancelled anyway;
 *   <li>anything else is booked.
 * </ul>
 *
 * <p>The default when no other provider bean exists: see {@code SimulatedProvidersAutoConfiguration}.
 */
public class SimulatedShippingProvider implements ShippingProvider {

    public static final String FAILING_ADDRESS_MARK = "FAIL";
    public static final String SLOW_ADDRESS_MARK = "SLOW";

    /** What happened to one shipment id. */
    public record Shipment(String shipmentId, String orderId, String address, boolean cancelled) {}

    private final Map<String, Shipment> shipments = new ConcurrentHashMap<>();
    private final Duration slowStepDelay;

    public SimulatedShippingProvider(Duration slowStepDelay) {
        this.slowStepDelay = slowStepDelay;
    }

    @Override
    public String createShipment(String shipmentId, String orderId, String address) {
        String marks = address.toUpperCase(Locale.ROOT);
        if (marks.contains(FAILING_ADDRESS_MARK)) {
            throw new ShipmentRejected("No carrier serves the address '" + address + "'");
        }
        if (marks.contains(SLOW_ADDRESS_MARK)) {
            try {
                Thread.sleep(slowStepDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        shipments.putIfAbsent(shipmentId, new Shipment(shipmentId, orderId, address, false));
        return shipmentId;
    }

    @Override
    public void cancel(String shipmentId) {
        shipments.computeIfPresent(shipmentId, (id, s) -> new Shipment(id, s.orderId(), s.address(), true));
    }

    /** The shipment booked for the order, if any. */
    public Optional<Shipment> shipmentOfOrder(String orderId) {
        return shipments.values().stream()
                .filter(s -> s.orderId().equals(orderId))
                .findFirst();
    }
}
