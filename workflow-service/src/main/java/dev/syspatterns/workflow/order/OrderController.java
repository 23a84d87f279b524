package dev.syspatterns.workflow.order;

import dev.syspatterns.workflow.saga.SagaState;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The order saga's API: place an order, follow it, cancel it, approve it. */
@RestController
@RequestMapping("/api/orders")
class OrderController {

    private final OrderSagas sagas;

    OrderController(OrderSagas sagas) {
        this.sagas = sagas;
    }

    @PostMapping
    ResponseEntity<OrderAccepted> place(
            @Valid @RequestBody PlaceOrder request,
            @RequestHeader(name = "Idempotency-Key", required = false) Optional<String> idempotencyKey) {
        String orderId = sagas.place(request, idempotencyKey.filter(key -> !key.isBlank()));
        String statusUrl = "/api/orders/" + orderId;
        return ResponseEntity.accepted().location(URI.create(statusUrl)).body(new OrderAccepted(orderId, statusUrl));
    }

    @GetMapping("/{orderId}")
    SagaState state(@PathVariable String orderId) {
        return sagas.state(orderId);
    }

    @PostMapping("/{orderId}/cancel")
    ResponseEntity<Void> cancel(
            @PathVariable String orderId, @RequestParam(defaultValue = "cancelled by the customer") String reason) {
        sagas.cancel(orderId, reason);
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/{orderId}/approve")
    ResponseEntity<Void> approve(@PathVariable String orderId) {
        sagas.approve(orderId);
        return ResponseEntity.accepted().build();
    }
}
