package dev.syspatterns.realtime;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Pushing realtime updates: short polling, long polling, SSE and WebSockets, fanned out across instances through Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RealtimeApplication {

    public static void main(String[] args) {
        SpringApplication.run(RealtimeApplication.class, args);
    }
}
