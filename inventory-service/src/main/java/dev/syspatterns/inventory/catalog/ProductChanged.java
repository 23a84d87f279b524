package dev.syspatterns.inventory.catalog;

/** In-process event: the row of this product changed in the current transaction. */
record ProductChanged(long productId) {}
