package dev.syspatterns.realtime.channel;

import dev.syspatterns.web.problem.ProblemException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** A message whose data is larger than {@code platform.realtime.max-payload-bytes}. */
public class PayloadTooLarge extends ProblemException {

    public PayloadTooLarge(int size, int limit) {
        super(
                HttpStatus.CONTENT_TOO_LARGE,
                "Payload too large",
                "Message data is " + size + " bytes of JSON; the limit is " + limit + " bytes.",
                Map.of("size", size, "limit", limit));
    }
}
