package dev.syspatterns.workflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Multi-step workflows: an order saga on Temporal with compensation, signals and queries. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkflowApplication.class, args);
    }
}
