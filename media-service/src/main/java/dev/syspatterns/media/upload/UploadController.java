package dev.syspatterns.media.upload;

import dev.syspatterns.media.catalog.MediaView;
import dev.syspatterns.media.catalog.MediaViews;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Plans, completes and aborts uploads. No endpoint here receives file bytes. */
@RestController
@RequestMapping("/api/media/uploads")
class UploadController {

    private final UploadPlanner planner;
    private final UploadCompletion completion;
    private final UploadAbort aborts;
    private final MediaViews views;

    UploadController(UploadPlanner planner, UploadCompletion completion, UploadAbort aborts, MediaViews views) {
        this.planner = planner;
        this.completion = completion;
        this.aborts = aborts;
        this.views = views;
    }

    @PostMapping
    ResponseEntity<UploadPlan> plan(@Valid @RequestBody UploadRequest request) {
        UploadPlan plan = planner.plan(request);
        return ResponseEntity.created(java.net.URI.create("/api/media/" + plan.mediaId()))
                .body(plan);
    }

    @PostMapping("/{id}/complete")
    MediaView complete(@PathVariable UUID id, @Valid @RequestBody(required = false) CompleteRequest request) {
        return views.of(completion.complete(id, request == null ? new CompleteRequest(null) : request));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> abort(@PathVariable UUID id) {
        aborts.abort(id);
        return ResponseEntity.noContent().build();
    }
}
