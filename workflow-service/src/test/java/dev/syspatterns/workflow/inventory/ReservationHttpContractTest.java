package dev.syspatterns.workflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the reserve-stock activity reads inventory-service's reservation contract over real HTTP: business
 * refusals become non-retryable failures, outages and timeouts stay retryable.
 */
class ReservationHttpContractTest {

    private final FakeInventory inventory = FakeInventory.start();
    private final InventoryClient client = new InventoryClient(
            inventory.settings(Duration.ofMillis(500)), JsonMapper.builder().build());
    private final StockActivities activities = new InventoryStockActivities(client);

    @AfterEach
    void stop() {
        inventory.close();
    }

    @Test
    void reservesOnceWhenTheSameReservationIsRepeated() {
        inventory.addProduct("101", 250, 10);
        String reservationId = UUID.randomUUID().toString();

        activities.reserveStock(reservationId, "101", 3);
        activities.reserveStock(reservationId, "101", 3);

        assertThat(inventory.reservationRequests()).isEqualTo(2);
        assertThat(inventory.stockOf("101")).isEqualTo(7);
        assertThat(inventory.reservation(reservationId))
                .hasValueSatisfying(r -> assertThat(r.quantity()).isEqualTo(3));
    }

    @Test
    void notEnoughStockIsANonRetryableOutOfStockFailure() {
        inventory.addProduct("102", 250, 1);

        assertThatThrownBy(() -> activities.reserveStock(UUID.randomUUID().toString(), "102", 2))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getType()).isEqualTo(StockActivities.OUT_OF_STOCK);
                    assertThat(failure.getOriginalMessage())
                            .contains("product 102")
                            .contains("Only 1 left");
                });
        assertThat(inventory.stockOf("102")).isEqualTo(1);
    }

    @Test
    void unknownProductIsANonRetryableFailure() {
        assertThatThrownBy(() -> activities.reserveStock(UUID.randomUUID().toString(), "999", 1))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getType()).isEqualTo(StockActivities.UNKNOWN_PRODUCT);
                });
    }

    @Test
    void serverErrorIsRetryable() {
        inventory.addProduct("103", 250, 5);
        inventory.failNext(1);

        assertThatThrownBy(() -> activities.reserveStock(UUID.randomUUID().toString(), "103", 1))
                .isInstanceOf(InventoryUnavailable.class)
                .hasMessageContaining("503")
                .isNotInstanceOf(ApplicationFailure.class);
        assertThat(inventory.stockOf("103")).isEqualTo(5);
    }

    @Test
    void slowAnswerTimesOutAsRetryable() {
        inventory.addProduct("104", 250, 5);
        inventory.stallFor(Duration.ofSeconds(2));

        assertThatThrownBy(() -> activities.reserveStock(UUID.randomUUID().toString(), "104", 1))
                .isInstanceOf(InventoryUnavailable.class)
                .hasMessageContaining("did not answer");
    }

    @Test
    void unreachableInventoryIsRetryable() {
        inventory.close();

        assertThatThrownBy(() -> activities.reserveStock(UUID.randomUUID().toString(), "105", 1))
                .isInstanceOf(InventoryUnavailable.class);
    }

    @Test
    void releaseGivesStockBackAndCanBeRepeated() {
        inventory.addProduct("106", 250, 4);
        String reservationId = UUID.randomUUID().toString();
        activities.reserveStock(reservationId, "106", 4);

        activities.releaseStock(reservationId);
        activities.releaseStock(reservationId);
        activities.releaseStock(UUID.randomUUID().toString());

        assertThat(inventory.stockOf("106")).isEqualTo(4);
        assertThat(inventory.reservation(reservationId))
                .hasValueSatisfying(r -> assertThat(r.released()).isTrue());
    }

    @Test
    void findsProductsWithTheirPriceAndTellsUnknownOnes() {
        inventory.addProduct("107", 1999, 1);

        assertThat(client.findProduct("107")).hasValue(new InventoryClient.Product("107", 1999));
        assertThat(client.findProduct("108")).isEmpty();
    }
}
