package dev.syspatterns.inventory.stock;

import java.util.UUID;

/** A completed sale and the stock that was left right after it. */
public record Purchase(UUID purchaseId, long productId, int quantity, int remainingStock) {}
