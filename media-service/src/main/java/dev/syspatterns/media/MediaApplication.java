package dev.syspatterns.media;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Large blobs: presigned uploads straight to S3, multipart, and delivery through a CDN edge. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MediaApplication {

    public static void main(String[] args) {
        SpringApplication.run(MediaApplication.class, args);
    }
}
