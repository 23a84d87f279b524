package dev.syspatterns.web.problem;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure the client should see as problem+json with this status, title and detail. Services throw
 * subclasses that name the situation ({@code InsufficientStock}, {@code JobNotFound}); the detail says
 * what was wrong in words a caller can act on. {@code properties} become extra members of the problem.
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> properties;

    public ProblemException(HttpStatus status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ProblemException(HttpStatus status, String title, String detail, Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.properties = Map.copyOf(properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
