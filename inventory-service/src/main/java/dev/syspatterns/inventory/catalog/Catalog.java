package dev.syspatterns.inventory.catalog;

import dev.syspatterns.inventory.cache.CacheAside;
import dev.syspatterns.inventory.cache.Cached;
import dev.syspatterns.inventory.replica.ReplicaRouting;
import dev.syspatterns.inventory.replica.Routed;
import dev.syspatterns.inventory.replica.WritePosition;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Products: created on the primary, read through the cache and the replica, searched on the replica. */
@Service
class Catalog {

    /**
     * Full-text match on the generated {@code search} column, which the GIN index {@code product_search_idx}
     * covers; {@code ProductSearchUsesItsIndexTest} fails if this stops using it.
     */
    static final String SEARCH_MATCH = "search @@ websearch_to_tsquery('english', :q)";

    static final String SEARCH = "select " + Product.COLUMNS + " from product where " + SEARCH_MATCH
            + " order by ts_rank(search, websearch_to_tsquery('english', :q)) desc, id limit :size offset :offset";

    private final JdbcClient primary;
    private final ReplicaRouting replicas;
    private final CacheAside cache;
    private final ProductCacheKeys keys;
    private final ProductChanges changes;

    Catalog(
            JdbcClient primary,
            ReplicaRouting replicas,
            CacheAside cache,
            ProductCacheKeys keys,
            ProductChanges changes) {
        this.primary = primary;
        this.replicas = replicas;
        this.cache = cache;
        this.keys = keys;
        this.changes = changes;
    }

    @Transactional
    Product create(NewProduct p) {
        Product created;
        try {
            created = primary.sql("insert into product (sku, name, description, price_cents, stock)"
                            + " values (?, ?, ?, ?, ?) returning " + Product.COLUMNS)
                    .params(
                            p.sku().strip(),
                            p.name().strip(),
                            p.description() == null ? "" : p.description(),
                            p.priceCents(),
                            p.stock())
                    .query(Product::from)
                    .single();
        } catch (DuplicateKeyException e) {
            throw new DuplicateSku(p.sku().strip());
        }
        changes.stockChanged(created.id(), created.sku(), created.stock(), created.version(), "CREATED");
        return created;
    }

    ProductRead find(long id, Optional<WritePosition> after) {
        Cached<Product, Routed<Optional<Product>>> read = cache.get(
                keys.of(id),
                Product.class,
                () -> replicas.read(
                        after,
                        db -> db.sql("select " + Product.COLUMNS + " from product where id = ?")
                                .param(id)
                                .query(Product::from)
                                .optional(),
                        Optional::isEmpty),
                routed -> routed.value().orElse(null));
        if (read.value() == null) {
            throw new ProductNotFound(id);
        }
        return new ProductRead(
                read.value(),
                read.status(),
                read.load() == null ? null : read.load().source());
    }

    Routed<ProductPage> search(String q, int page, int size, Optional<WritePosition> after) {
        boolean all = q == null || q.isBlank();
        return replicas.read(after, db -> {
            List<Product> items = all
                    ? db.sql("select " + Product.COLUMNS + " from product order by id limit :size offset :offset")
                            .param("size", size)
                            .param("offset", (long) page * size)
                            .query(Product::from)
                            .list()
                    : db.sql(SEARCH)
                            .param("q", q)
                            .param("size", size)
                            .param("offset", (long) page * size)
                            .query(Product::from)
                            .list();
            long total = all
                    ? db.sql("select count(*) from product").query(Long.class).single()
                    : db.sql("select count(*) from product where " + SEARCH_MATCH)
                            .param("q", q)
                            .query(Long.class)
                            .single();
            return new ProductPage(items, page, size, total);
        });
    }
}
