package dev.syspatterns.inventory.stock;

import java.util.UUID;

/** One purchase attempt as a strategy sees it. */
public record PurchaseCommand(
        UUID purchaseId, String idempotencyKey, long productId, int quantity, Strategy strategy) {}
