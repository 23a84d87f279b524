package dev.syspatterns.inventory.reservation;

import dev.syspatterns.web.problem.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The reservation id is already used for another product or quantity. */
class ReservationConflict extends ProblemException {

    ReservationConflict(String reservationId) {
        super(
                HttpStatus.CONFLICT,
                "Reservation id reused",
                "Reservation '" + reservationId + "' already exists for a different product or quantity.",
                Map.of("reservationId", reservationId));
    }
}
