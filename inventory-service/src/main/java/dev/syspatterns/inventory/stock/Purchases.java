package dev.syspatterns.inventory.stock;

import dev.syspatterns.web.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Sells stock with the strategy the client chose, at most once per Idempotency-Key: a key seen before returns
 * the first answer, a sale or a refusal for lack of stock; two concurrent requests with one key both try, and the
 * unique key lets only one commit. Transient failures (503) are not answers: the same key may try again.
 */
@Service
class Purchases {

    private static final Logger log = LoggerFactory.getLogger(Purchases.class);

    /** A purchase and whether it is the stored answer to an earlier request with the same key. */
    record Outcome(Purchase purchase, boolean replayed) {}

    /** An earlier answer to a key: a sale, or (sale null) a refusal for lack of stock. */
    private record Earlier(Purchase sale, long productId, int quantity, int available) {}

    private static final String EARLIER_ANSWER = """
            select id, product_id, quantity, remaining_stock, 0 as available, 0 as preference
              from purchase where idempotency_key = ?
            union all
            select null, product_id, quantity, 0, available, 1
              from purchase_refusal where idempotency_key = ?
            order by preference
            limit 1""";

    private final Map<Strategy, PurchaseStrategy> strategies = new EnumMap<>(Strategy.class);
    private final JdbcClient jdbc;
    private final MeterRegistry meters;

    Purchases(List<PurchaseStrategy> strategies, JdbcClient jdbc, MeterRegistry meters) {
        strategies.forEach(s -> this.strategies.put(s.strategy(), s));
        this.jdbc = jdbc;
        this.meters = meters;
    }

    Outcome purchase(long productId, PurchaseRequest request, String idempotencyKey) {
        Optional<Outcome> earlier = replay(idempotencyKey, productId, request.quantity());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        PurchaseCommand command = new PurchaseCommand(
                UUID.randomUUID(), idempotencyKey, productId, request.quantity(), request.strategy());
        Timer.Sample sample = Timer.start(meters);
        String outcome = "sold";
        try {
            return new Outcome(strategies.get(request.strategy()).purchase(command), false);
        } catch (DuplicateKeyException e) {
            outcome = "replayed";
            return replay(idempotencyKey, productId, request.quantity()).orElseThrow(() -> e);
        } catch (InsufficientStock e) {
            outcome = "refused";
            rememberRefusal(idempotencyKey, e);
            throw e;
        } catch (ProblemException e) {
            outcome = e.status().is4xxClientError() ? "refused" : "failed";
            throw e;
        } catch (RuntimeException e) {
            outcome = "error";
            throw e;
        } finally {
            sample.stop(meters.timer(
                    "inventory.purchases", "strategy", request.strategy().name(), "outcome", outcome));
        }
    }

    private void rememberRefusal(String key, InsufficientStock refusal) {
        try {
            jdbc.sql("insert into purchase_refusal (idempotency_key, product_id, quantity, available)"
                            + " values (?, ?, ?, ?) on conflict (idempotency_key) do nothing")
                    .params(key, refusal.productId(), refusal.requested(), refusal.available())
                    .update();
        } catch (DataAccessException e) {
            // the client still gets its refusal; only a retry with this key would be decided afresh
            log.warn("Could not remember the refusal for Idempotency-Key {}: {}", key, e.getMessage());
        }
    }

    /**
     * The first answer to {@code key}: its sale, or (thrown) its refusal; empty when the key is new. One query
     * for both tables, since every purchase asks it; a sale wins over a refusal (two concurrent requests).
     */
    private Optional<Outcome> replay(String key, long productId, int quantity) {
        return jdbc.sql(EARLIER_ANSWER)
                .params(key, key)
                .query((rs, n) -> new Earlier(
                        rs.getObject("id", UUID.class) == null
                                ? null
                                : new Purchase(
                                        rs.getObject("id", UUID.class),
                                        rs.getLong("product_id"),
                                        rs.getInt("quantity"),
                                        rs.getInt("remaining_stock")),
                        rs.getLong("product_id"),
                        rs.getInt("quantity"),
                        rs.getInt("available")))
                .optional()
                .map(earlier -> {
                    if (earlier.productId() != productId || earlier.quantity() != quantity) {
                        throw new IdempotencyKeyReused(key);
                    }
                    if (earlier.sale() == null) {
                        throw InsufficientStock.replayed(productId, quantity, earlier.available());
                    }
                    return new Outcome(earlier.sale(), true);
                });
    }
}
