package dev.syspatterns.jobs.media;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
class MediaIntakeConfiguration {

    /**
     * An upload whose job could not be enqueued (database or Kafka down) is retried with backoff until it is,
     * never skipped: skipping would lose the upload's processing for good. Records that are not MediaUploaded
     * never reach this handler (the listener logs and skips them), so nothing poisons the partition for ever.
     */
    @Bean
    CommonErrorHandler mediaIntakeErrorHandler() {
        ExponentialBackOff backOff =
                new ExponentialBackOff(Duration.ofMillis(500).toMillis(), 2.0);
        backOff.setMaxInterval(Duration.ofSeconds(30).toMillis());
        return new DefaultErrorHandler(backOff);
    }
}
