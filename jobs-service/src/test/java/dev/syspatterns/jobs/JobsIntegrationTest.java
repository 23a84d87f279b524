package dev.syspatterns.jobs;

import dev.syspatterns.jobs.worker.ErrorThrowingHandler;
import dev.syspatterns.testsupport.RealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service (API and a worker pool of two, worker id {@code main}) on real infrastructure, with a
 * short lease and backoff so that crashes and retries play out in seconds, plus the test-only job type
 * {@link ErrorThrowingHandler}. One shared configuration, so that every test class reuses the same cached context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "platform.jobs.role=both",
            "platform.jobs.worker.id=" + JobsIntegrationTest.MAIN_WORKER,
            "platform.jobs.worker.concurrency=2",
            "platform.jobs.worker.lease=" + JobsIntegrationTest.LEASE,
            "platform.jobs.worker.poll-interval=100ms",
            "platform.jobs.worker.reap-interval=300ms",
            "platform.jobs.worker.shutdown-grace=2s",
            "platform.jobs.retry.base-delay=" + JobsIntegrationTest.BASE_DELAY_MS + "ms",
            "platform.jobs.retry.max-delay=3s",
            "platform.jobs.media.consumer-group=jobs-service-test",
            "platform.jobs.events.metrics-refresh=1s"
        })
@RealInfrastructure(database = "jobs")
@Import(ErrorThrowingHandler.class)
public @interface JobsIntegrationTest {

    String MAIN_WORKER = "main";
    String LEASE = "3s";
    long BASE_DELAY_MS = 400;
}
