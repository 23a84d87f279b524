package dev.syspatterns.workflow.order;

/** The saga started (or had already started for this idempotency key); follow it at {@code statusUrl}. */
record OrderAccepted(String orderId, String statusUrl) {}
