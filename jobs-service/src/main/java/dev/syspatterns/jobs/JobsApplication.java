package dev.syspatterns.jobs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Long-running tasks: a durable job queue in PostgreSQL, a worker pool, retries with backoff, dead letters and progress. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class JobsApplication {

    public static void main(String[] args) {
        SpringApplication.run(JobsApplication.class, args);
    }
}
