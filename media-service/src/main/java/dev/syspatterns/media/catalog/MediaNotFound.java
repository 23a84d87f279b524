package dev.syspatterns.media.catalog;

import dev.syspatterns.web.problem.ProblemException;
import java.util.UUID;
import org.springframework.http.HttpStatus;

public class MediaNotFound extends ProblemException {

    public MediaNotFound(UUID id) {
        super(HttpStatus.NOT_FOUND, "Media not found", "no media with id " + id);
    }
}
