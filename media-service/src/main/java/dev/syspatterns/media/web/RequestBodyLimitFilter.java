package dev.syspatterns.media.web;

import dev.syspatterns.media.MediaProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's promise that file bytes never pass through it, enforced at the door: a request body over
 * {@code platform.media.max-request-body} is refused (413) before anything reads it, and a body of unknown
 * length is refused (411). Plans and completions are a few kilobytes; an upload belongs on the store.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final JsonMapper json;

    RequestBodyLimitFilter(MediaProperties properties, JsonMapper json) {
        this.maxBytes = properties.maxRequestBody().toBytes();
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > maxBytes) {
            reject(
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "Request body too large",
                    "this service takes request bodies of at most " + maxBytes
                            + " bytes; file bytes go straight to the object store through the upload plan's URLs");
            return;
        }
        if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
            reject(
                    response,
                    HttpStatus.LENGTH_REQUIRED,
                    "Content-Length required",
                    "send a Content-Length; bodies of unknown length are not accepted");
            return;
        }
        chain.doFilter(request, response);
    }

    private void reject(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperties(Map.of("maxBytes", maxBytes));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // Closing tells Tomcat not to drain a huge body it was about to swallow.
        response.setHeader("Connection", "close");
        json.writeValue(response.getOutputStream(), problem);
    }
}
