package dev.syspatterns.geo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Proximity search on PostGIS and location writes buffered through Kafka, batched and sharded. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GeoApplication {

    public static void main(String[] args) {
        SpringApplication.run(GeoApplication.class, args);
    }
}
