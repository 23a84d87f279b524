package dev.syspatterns.jobs.api;

import dev.syspatterns.jobs.ConditionalOnRole;
import dev.syspatterns.jobs.JobsProperties;
import dev.syspatterns.jobs.queue.Enqueued;
import dev.syspatterns.jobs.queue.Job;
import dev.syspatterns.jobs.queue.JobAttempt;
import dev.syspatterns.jobs.queue.JobStatus;
import dev.syspatterns.jobs.queue.JobStore;
import dev.syspatterns.jobs.queue.NewJob;
import dev.syspatterns.jobs.worker.JobHandler;
import dev.syspatterns.jobs.worker.JobHandlers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Submit, inspect, cancel and re-drive jobs. Submitting only writes a row: the work happens in a worker. */
@RestController
@RequestMapping("/api/jobs")
@Validated
@ConditionalOnRole(ConditionalOnRole.Half.API)
class JobsController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final JobStore store;
    private final JobHandlers handlers;
    private final JsonMapper json;
    private final JobsProperties properties;

    JobsController(JobStore store, JobHandlers handlers, JsonMapper json, JobsProperties properties) {
        this.store = store;
        this.handlers = handlers;
        this.json = json;
        this.properties = properties;
    }

    @PostMapping
    ResponseEntity<JobView> submit(
            @Valid @RequestBody SubmitJobRequest request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new JobProblems.InvalidIdempotencyKey();
        }
        JobHandler handler = handlers.forType(request.type())
                .orElseThrow(() -> new JobProblems.UnknownJobType(request.type(), handlers.types()));
        JsonNode payload =
                request.payload() == null || request.payload().isNull() ? json.createObjectNode() : request.payload();
        if (!payload.isObject()) {
            throw new JobProblems.PayloadNotAnObject();
        }
        handler.validate(payload);
        Enqueued enqueued = store.enqueue(new NewJob(
                request.type(),
                payload,
                request.runAt(),
                Objects.requireNonNullElse(request.priority(), 0),
                Objects.requireNonNullElse(
                        request.maxAttempts(), properties.retry().defaultMaxAttempts()),
                idempotencyKey));
        Job job = enqueued.job();
        if (!enqueued.created()
                && (!job.type().equals(request.type()) || !job.payload().equals(payload))) {
            throw new JobProblems.IdempotencyKeyReused(idempotencyKey, job.id());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/jobs/" + job.id()))
                .header("Idempotent-Replayed", String.valueOf(!enqueued.created()))
                .body(JobView.of(job));
    }

    @GetMapping("/{id}")
    JobView get(@PathVariable UUID id) {
        return JobView.of(store.find(id).orElseThrow(() -> new JobProblems.JobNotFound(id)));
    }

    /**
     * The job submitted under an Idempotency-Key. Jobs started by events have one too: a media.process job's key is
     * its media id, so the uploader can follow the processing of what it uploaded.
     */
    @GetMapping("/by-idempotency-key/{key}")
    JobView byIdempotencyKey(@PathVariable String key) {
        return JobView.of(store.findByIdempotencyKey(key).orElseThrow(() -> new JobProblems.NoJobForKey(key)));
    }

    @GetMapping("/{id}/attempts")
    List<JobAttempt> attempts(@PathVariable UUID id) {
        store.find(id).orElseThrow(() -> new JobProblems.JobNotFound(id));
        return store.attempts(id);
    }

    @GetMapping
    List<JobView> list(@RequestParam JobStatus status, @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return store.findByStatus(status, limit).stream().map(JobView::of).toList();
    }

    @PostMapping("/{id}/cancel")
    ResponseEntity<JobView> cancel(@PathVariable UUID id) {
        Job job = store.cancel(id).orElseThrow(() -> refusal(id, "cancel"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(JobView.of(job));
    }

    @PostMapping("/{id}/retry")
    ResponseEntity<JobView> retry(@PathVariable UUID id) {
        Job job = store.retryDead(id).orElseThrow(() -> refusal(id, "retry"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(JobView.of(job));
    }

    private RuntimeException refusal(UUID id, String action) {
        return store.find(id)
                .<RuntimeException>map(job -> new JobProblems.JobStateConflict(id, job.status(), action))
                .orElseGet(() -> new JobProblems.JobNotFound(id));
    }
}
