package dev.syspatterns.inventory.stock;

/** How a purchase protects the stock row from concurrent buyers. */
public enum Strategy {
    /** Row lock ({@code SELECT ... FOR UPDATE}) held for the whole transaction. */
    PESSIMISTIC,
    /** Version compare-and-set, retried with jittered backoff. */
    OPTIMISTIC,
    /** A Redis lease lock that hands out fencing tokens; the row refuses writes with an older token. */
    DISTRIBUTED_LOCK,
    /** No protection: read, compute, write. Kept to show the lost update the others prevent. */
    NONE
}
