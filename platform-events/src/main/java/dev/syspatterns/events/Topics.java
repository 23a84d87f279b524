package dev.syspatterns.events;

/** Kafka topics that carry events between services. Each service owns the topics it publishes. */
public final class Topics {

    /** {@link StockChanged}, published by inventory-service. */
    public static final String STOCK_CHANGED = "inventory.stock-changed";
    /** {@link JobUpdated}, published by jobs-service. */
    public static final String JOB_UPDATED = "jobs.job-updated";
    /** {@link OrderUpdated}, published by workflow-service. */
    public static final String ORDER_UPDATED = "orders.order-updated";
    /** {@link MediaUploaded}, published by media-service; jobs-service starts a processing job from it. */
    public static final String MEDIA_UPLOADED = "media.media-uploaded";
    /** {@link DriverLocated}, published by geo-service. */
    public static final String DRIVER_LOCATED = "geo.driver-located";

    private Topics() {}
}
