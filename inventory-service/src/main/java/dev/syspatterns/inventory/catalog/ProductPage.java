package dev.syspatterns.inventory.catalog;

import java.util.List;

/** One page of search results; {@code total} counts every match. */
public record ProductPage(List<Product> items, int page, int size, long total) {}
