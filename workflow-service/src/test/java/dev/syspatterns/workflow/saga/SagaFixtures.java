package dev.syspatterns.workflow.saga;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Orders and policies for saga tests. */
final class SagaFixtures {

    static final long APPROVAL_THRESHOLD_CENTS = 100_000;
    private static final AtomicLong PRODUCT_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    private SagaFixtures() {}

    /** A numeric product id no other test uses. */
    static String newProductId() {
        return Long.toString(PRODUCT_IDS.incrementAndGet());
    }

    static SagaPolicy policy(Duration stepTimeout, Duration approvalTimeout) {
        return new SagaPolicy(
                stepTimeout,
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                5,
                5,
                APPROVAL_THRESHOLD_CENTS,
                approvalTimeout);
    }

    static SagaInput order(
            String productId, int quantity, long amountCents, String token, String address, SagaPolicy policy) {
        return new SagaInput(
                UUID.randomUUID().toString(),
                "customer-1",
                List.of(new SagaInput.OrderLine(productId, quantity)),
                token,
                address,
                amountCents,
                policy);
    }
}
