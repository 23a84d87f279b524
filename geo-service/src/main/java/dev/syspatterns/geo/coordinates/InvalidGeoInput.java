package dev.syspatterns.geo.coordinates;

import dev.syspatterns.web.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** Coordinates, radii, limits or GeoJSON a caller sent that cannot be answered: a 400 that says why. */
public class InvalidGeoInput extends ProblemException {

    public InvalidGeoInput(String detail) {
        super(HttpStatus.BAD_REQUEST, "Invalid geographic input", detail);
    }

    /** Several problems at once (a bulk import), all listed so the caller can fix them in one go. */
    public InvalidGeoInput(String detail, List<String> errors) {
        super(HttpStatus.BAD_REQUEST, "Invalid geographic input", detail, Map.of("errors", errors));
    }
}
