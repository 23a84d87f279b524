package dev.syspatterns.inventory.catalog;

import dev.syspatterns.web.problem.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Another product already has this sku (the unique index said so). */
class DuplicateSku extends ProblemException {

    DuplicateSku(String sku) {
        super(
                HttpStatus.CONFLICT,
                "Duplicate sku",
                "A product with sku '" + sku + "' already exists.",
                Map.of("sku", sku));
    }
}
