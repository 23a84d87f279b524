package dev.syspatterns.workflow.inventory;

import dev.syspatterns.web.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** inventory-service did not answer, timed out or failed: worth retrying later. */
public class InventoryUnavailable extends ProblemException {

    public InventoryUnavailable(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Inventory unavailable", detail);
    }
}
