package dev.syspatterns.jobs.queue;

import dev.syspatterns.events.JobUpdated;
import dev.syspatterns.events.Topics;
import dev.syspatterns.jobs.JobsProperties;
import dev.syspatterns.web.problem.ProblemException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes a {@link JobUpdated} for every status change and progress step, keyed by job id so that one job's
 * events share a partition.
 *
 * <p>It is called inside the transaction that changes the row and waits for Kafka's acknowledgement before
 * that transaction commits. The row lock serialises a job's changes, so its events reach the partition in the
 * order the changes happened, even when the API and a worker in different processes change the same job. The
 * price: a change fails when Kafka is down, and a transaction that rolls back after the send leaves an event
 * for a change that never happened (a transactional outbox would avoid both; see the README).
 */
@Component
public class JobUpdatesPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final JobsProperties properties;

    JobUpdatesPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, JobsProperties properties) {
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
    }

    void publish(Job job) {
        JobUpdated event = JobUpdated.of(
                job.id().toString(), job.type(), job.status().name(), job.progress(), job.attempts(), job.error());
        try {
            kafka.send(Topics.JOB_UPDATED, event.jobId(), json.writeValueAsString(event))
                    .get(properties.events().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobEventsUnavailable(job, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new JobEventsUnavailable(job, e);
        }
    }

    /** Kafka did not take the event, so the change it reports is rolled back; callers see a 503. */
    static final class JobEventsUnavailable extends ProblemException {

        JobEventsUnavailable(Job job, Exception cause) {
            super(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Job events unavailable",
                    "the JobUpdated event for job " + job.id() + " was not acknowledged by Kafka ("
                            + cause.getClass().getSimpleName() + "); nothing was changed, try again");
            initCause(cause);
        }
    }
}
