package dev.syspatterns.workflow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything workflow-service can be tuned with, with defaults that run against the local platform.
 *
 * @param taskQueue the Temporal task queue the order saga's worker polls and the API starts sagas on
 * @param inventory where inventory-service answers and how long to wait for it
 * @param saga timeouts, retries and the approval rule every new saga is started with
 * @param simulation the built-in payment and shipping providers' demo knobs
 * @param worker how the saga's Temporal worker polls
 */
@ConfigurationProperties(prefix = "platform.workflow")
@Validated
public record WorkflowProperties(
        @DefaultValue("order-saga") @NotBlank String taskQueue,
        @DefaultValue @Valid Inventory inventory,
        @DefaultValue @Valid Saga saga,
        @DefaultValue @Valid Simulation simulation,
        @DefaultValue @Valid Worker worker) {

    /** inventory-service over HTTP. */
    public record Inventory(
            @DefaultValue("http://127.0.0.1:8083") @NotNull URI url,
            @DefaultValue("2s") @NotNull Duration connectTimeout,
            @DefaultValue("5s") @NotNull Duration readTimeout) {}

    /**
     * The policy a saga is started with (it travels in the workflow input, so a running saga keeps the
     * policy it started with even when the configuration changes).
     */
    public record Saga(
            @DefaultValue("10s") @NotNull Duration stepTimeout,
            @DefaultValue("1s") @NotNull Duration initialRetryInterval,
            @DefaultValue("30s") @NotNull Duration maxRetryInterval,
            @DefaultValue("8") @Min(1) int maxAttempts,
            @DefaultValue("20") @Min(1) int compensationMaxAttempts,
            @DefaultValue("100000") @PositiveOrZero long approvalThresholdCents,
            @DefaultValue("24h") @NotNull Duration approvalTimeout) {}

    /** How long the simulated providers stall for the "slow" failure triggers. */
    public record Simulation(@DefaultValue("30s") @NotNull Duration slowStepDelay) {}

    /**
     * @param stickyExecution whether a worker asks for a sticky queue (its cached sagas' next tasks come to
     *     it, without replaying history). A Temporal cluster moves a dead worker's sticky tasks back to the
     *     normal queue; the local Java test server never does, so {@code ./platform} turns this off there,
     *     or a saga would hang after a restart of this service.
     */
    public record Worker(@DefaultValue("true") boolean stickyExecution) {}
}
