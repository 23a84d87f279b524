package dev.syspatterns.media.catalog;

import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/media")
class MediaController {

    private final MediaRepository media;
    private final MediaViews views;
    private final MediaRemoval removal;

    MediaController(MediaRepository media, MediaViews views, MediaRemoval removal) {
        this.media = media;
        this.views = views;
        this.removal = removal;
    }

    @GetMapping("/{id}")
    MediaView get(@PathVariable UUID id) {
        return views.of(media.find(id).orElseThrow(() -> new MediaNotFound(id)));
    }

    /** Removes the object and its record. A CDN may still serve a cached public copy until it ages out. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        removal.remove(id);
        return ResponseEntity.noContent().build();
    }
}
