package dev.syspatterns.inventory.reservation;

import dev.syspatterns.inventory.replica.WritePositions;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Reservations for workflow-service's order saga. Contract: POST -> 201 (created) or 200 (same id again, same
 * answer, stock reserved once), 409 not enough stock or id reused differently, 404 unknown product;
 * DELETE -> 204 always (idempotent), stock returned once.
 */
@RestController
@RequestMapping("/api/inventory/reservations")
class ReservationController {

    private final Reservations reservations;
    private final WritePositions positions;

    ReservationController(Reservations reservations, WritePositions positions) {
        this.reservations = reservations;
        this.positions = positions;
    }

    @PostMapping
    ResponseEntity<Reservation> reserve(@Valid @RequestBody ReserveStock request, HttpServletResponse response) {
        Reservations.Outcome outcome = reservations.reserve(request);
        positions.stamp(response);
        URI location = UriComponentsBuilder.fromPath("/api/inventory/reservations/{id}")
                .buildAndExpand(outcome.reservation().reservationId())
                .encode()
                .toUri();
        return outcome.created()
                ? ResponseEntity.created(location).body(outcome.reservation())
                : ResponseEntity.ok().location(location).body(outcome.reservation());
    }

    @DeleteMapping("/{reservationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void release(@PathVariable String reservationId, HttpServletResponse response) {
        reservations.release(reservationId);
        positions.stamp(response);
    }
}
