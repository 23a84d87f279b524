package dev.syspatterns.workflow.payment;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process payment provider with deterministic failure triggers, chosen by the payment token:
 *
 * <ul>
 *   <li>{@code tok_decline}: the card is declined (a business error, never retried);
 *   <li>{@code tok_flaky}: the first two attempts of each charge fail transiently, the third succeeds;
 *   <li>{@code tok_slow}: the charge takes {@code platform.workflow.simulation.slow-step-delay}, longer than
 *       a step may take, so it times out: the saga cannot know whether money was taken, and refunds anyway;
 *   <li>anything else is charged.
 * </ul>
 *
 * <p>The default when no other provider bean exists: see {@code SimulatedProvidersAutoConfiguration}.
 */
public class SimulatedPaymentProvider implements PaymentProvider {

    public static final String DECLINING_TOKEN = "tok_decline";
    public static final String FLAKY_TOKEN = "tok_flaky";
    public static final String SLOW_TOKEN = "tok_slow";

    /** What happened to one charge id. */
    public record Charge(String chargeId, String orderId, long amountCents, boolean refunded, int attempts) {}

    private final Map<String, Charge> charges = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Duration slowStepDelay;

    public SimulatedPaymentProvider(Duration slowStepDelay) {
        this.slowStepDelay = slowStepDelay;
    }

    @Override
    public String charge(String chargeId, String orderId, long amountCents, String paymentToken) {
        int attempt =
                attempts.computeIfAbsent(chargeId, id -> new AtomicInteger()).incrementAndGet();
        if (DECLINING_TOKEN.equals(paymentToken)) {
            throw new PaymentDeclined("Card declined for order " + orderId + " (token " + paymentToken + ")");
        }
        if (FLAKY_TOKEN.equals(paymentToken) && attempt <= 2) {
            throw new PaymentUnavailable("Payment provider hiccup on attempt " + attempt);
        }
        if (SLOW_TOKEN.equals(paymentToken)) {
            sleep(slowStepDelay);
        }
        charges.compute(
                chargeId,
                (id, existing) ->
                        existing != null ? existing : new Charge(chargeId, orderId, amountCents, false, attempt));
        return chargeId;
    }

    @Override
    public void refund(String chargeId) {
        charges.computeIfPresent(chargeId, (id, c) -> new Charge(id, c.orderId(), c.amountCents(), true, c.attempts()));
    }

    /** The charge made under this id, if any: lets tests and demos see money taken and given back. */
    public Optional<Charge> charge(String chargeId) {
        return Optional.ofNullable(charges.get(chargeId));
    }

    /** The charge made for the order, if any. */
    public Optional<Charge> chargeOfOrder(String orderId) {
        return charges.values().stream()
                .filter(c -> c.orderId().equals(orderId))
                .findFirst();
    }

    static void sleep(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
