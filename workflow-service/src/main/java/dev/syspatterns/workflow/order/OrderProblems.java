package dev.syspatterns.workflow.order;

import dev.syspatterns.web.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The ways an order request can be refused, each with its status. */
final class OrderProblems {

    private OrderProblems() {}

    static final class UnknownProducts extends ProblemException {
        UnknownProducts(List<String> productIds) {
            super(
                    HttpStatus.BAD_REQUEST,
                    "Unknown products",
                    "These products do not exist in inventory: " + String.join(", ", productIds),
                    Map.of("unknownProducts", productIds));
        }
    }

    static final class OrderNotFound extends ProblemException {
        OrderNotFound(String orderId) {
            super(HttpStatus.NOT_FOUND, "Order not found", "There is no order " + orderId);
        }
    }

    static final class OrderFinished extends ProblemException {
        OrderFinished(String orderId, String outcome) {
            super(
                    HttpStatus.CONFLICT,
                    "Order already finished",
                    "Order " + orderId + " already finished as " + outcome,
                    Map.of("outcome", outcome));
        }
    }

    static final class NotAwaitingApproval extends ProblemException {
        NotAwaitingApproval(String orderId, String currentStep) {
            super(
                    HttpStatus.CONFLICT,
                    "Order is not waiting for approval",
                    "Order " + orderId + " is not waiting for approval (current step " + currentStep + ")",
                    Map.of("currentStep", currentStep));
        }
    }
}
