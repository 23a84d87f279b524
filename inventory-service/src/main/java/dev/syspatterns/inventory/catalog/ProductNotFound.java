package dev.syspatterns.inventory.catalog;

import dev.syspatterns.web.problem.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** No product has this id. */
public class ProductNotFound extends ProblemException {

    public ProductNotFound(long productId) {
        super(
                HttpStatus.NOT_FOUND,
                "Product not found",
                "There is no product with id " + productId + ".",
                Map.of("productId", productId));
    }
}
