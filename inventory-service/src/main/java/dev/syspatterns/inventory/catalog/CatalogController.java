package dev.syspatterns.inventory.catalog;

import dev.syspatterns.inventory.replica.Routed;
import dev.syspatterns.inventory.replica.WritePositions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The catalogue. Reads say where they came from in {@code X-Cache} and {@code X-Read-Source}. */
@RestController
@RequestMapping("/api/inventory/products")
class CatalogController {

    static final String X_CACHE = "X-Cache";
    static final String X_READ_SOURCE = "X-Read-Source";

    private final Catalog catalog;
    private final WritePositions positions;

    CatalogController(Catalog catalog, WritePositions positions) {
        this.catalog = catalog;
        this.positions = positions;
    }

    @PostMapping
    ResponseEntity<Product> create(@Valid @RequestBody NewProduct product, HttpServletResponse response) {
        Product created = catalog.create(product);
        positions.stamp(response);
        return ResponseEntity.created(URI.create("/api/inventory/products/" + created.id()))
                .body(created);
    }

    @GetMapping("/{id}")
    ResponseEntity<Product> find(@PathVariable long id, HttpServletRequest request) {
        ProductRead read = catalog.find(id, positions.of(request));
        var response = ResponseEntity.ok().header(X_CACHE, read.cache().name());
        if (read.source() != null) {
            response.header(X_READ_SOURCE, read.source().headerValue());
        }
        return response.body(read.product());
    }

    @GetMapping
    ResponseEntity<ProductPage> search(
            @RequestParam(required = false) @Size(max = 200) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
            HttpServletRequest request) {
        Routed<ProductPage> found = catalog.search(q, page, size, positions.of(request));
        return ResponseEntity.ok()
                .header(X_READ_SOURCE, found.source().headerValue())
                .body(found.value());
    }
}
