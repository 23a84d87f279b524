package dev.syspatterns.jobs;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything jobs-service can be tuned with, under {@code platform.jobs}. The defaults run against the local
 * infrastructure; tests shorten the lease and the backoff so that crashes and retries play out in seconds.
 */
@ConfigurationProperties(prefix = "platform.jobs")
@Validated
public record JobsProperties(
        @NotNull @DefaultValue("both") Role role,
        @Valid @DefaultValue Worker worker,
        @Valid @DefaultValue Retry retry,
        @Valid @DefaultValue Events events,
        @Valid @DefaultValue Media media) {

    /** Which half of the service this process runs; the same jar scales API and workers apart. */
    public enum Role {
        API,
        WORKER,
        BOTH;

        public boolean runsApi() {
            return this != WORKER;
        }

        public boolean runsWorkers() {
            return this != API;
        }
    }

    /**
     * @param id names this process in lease_owner; empty means host name plus a random suffix
     * @param concurrency jobs this process runs at once
     * @param lease how long a claim lasts without renewal; a worker that dies is noticed after this long
     * @param pollInterval how long an idle worker waits before asking the table again
     * @param reapInterval how often expired leases are turned back into runnable jobs
     * @param shutdownGrace how long shutdown waits for running jobs before releasing them to the queue
     */
    public record Worker(
            @DefaultValue("") String id,
            @Min(1) @Max(256) @DefaultValue("4") int concurrency,
            @NotNull @DefaultValue("30s") Duration lease,
            @NotNull @DefaultValue("500ms") Duration pollInterval,
            @NotNull @DefaultValue("5s") Duration reapInterval,
            @NotNull @DefaultValue("20s") Duration shutdownGrace) {}

    /**
     * @param defaultMaxAttempts attempts when a submission names none
     * @param baseDelay the first retry waits about this long; each further one doubles it
     * @param maxDelay the cap on one backoff
     */
    public record Retry(
            @Min(1) @Max(100) @DefaultValue("3") int defaultMaxAttempts,
            @NotNull @DefaultValue("1s") Duration baseDelay,
            @NotNull @DefaultValue("5m") Duration maxDelay) {}

    /**
     * @param sendTimeout how long a status change waits for Kafka to acknowledge its JobUpdated event
     * @param metricsRefresh how often the queue depth gauges are re-read from the table
     */
    public record Events(
            @NotNull @DefaultValue("5s") Duration sendTimeout,
            @NotNull @DefaultValue("5s") Duration metricsRefresh) {}

    /**
     * @param intakeEnabled start a media.process job for every MediaUploaded event
     * @param consumerGroup the Kafka consumer group of that intake
     * @param thumbnailPrefix thumbnails are written to the source bucket under this prefix plus the source key
     * @param thumbnailSize the longest side of a thumbnail, in pixels
     * @param maxObjectSize objects larger than this are refused rather than downloaded
     */
    public record Media(
            @DefaultValue("true") boolean intakeEnabled,
            @NotBlank @DefaultValue("jobs-service") String consumerGroup,
            @NotBlank @DefaultValue("thumbnails/") String thumbnailPrefix,
            @Min(8) @Max(4096) @DefaultValue("256") int thumbnailSize,
            @DecimalMin("1") @DefaultValue("104857600") long maxObjectSize) {}
}
