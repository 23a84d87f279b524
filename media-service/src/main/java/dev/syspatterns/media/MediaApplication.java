package dev.syspatterns.media;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Large blobs: presigned uploads straight to S3, multipart, and delivery through a CDN edge. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MediaApplication {

    public static void main(String[] args) {
        SpringApplication.run(MediaApplication.class, args);
    }
}
