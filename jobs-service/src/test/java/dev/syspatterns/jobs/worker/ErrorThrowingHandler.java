package dev.syspatterns.jobs.worker;

import tools.jackson.databind.JsonNode;

/**
 * Test-only job type {@code test.error}: every attempt throws an {@link OutOfMemoryError}, as decoding an image too
 * large for the heap would. Registered in the shared test context by {@link dev.syspatterns.jobs.JobsIntegrationTest}.
 */
public class ErrorThrowingHandler implements JobHandler {

    public static final String TYPE = "test.error";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void validate(JsonNode payload) {}

    @Override
    public JsonNode handle(JsonNode payload, JobContext context) {
        throw new OutOfMemoryError("simulated: image too large on attempt " + context.attempt());
    }
}
