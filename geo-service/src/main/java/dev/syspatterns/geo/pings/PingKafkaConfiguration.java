package dev.syspatterns.geo.pings;

import dev.syspatterns.events.Topics;
import dev.syspatterns.geo.GeoProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration
public class PingKafkaConfiguration {

    /** The factory of the ping consumers (storage and live index) by name, for {@code containerFactory}. */
    public static final String BATCH_LISTENER_FACTORY = "pingBatchListenerFactory";

    @Bean
    NewTopic locationPingsTopic(GeoProperties properties) {
        return TopicBuilder.name(properties.pings().topic())
                .partitions(properties.pings().partitions())
                .build();
    }

    @Bean
    NewTopic driverLocatedTopic(GeoProperties properties) {
        return TopicBuilder.name(Topics.DRIVER_LOCATED)
                .partitions(properties.pings().partitions())
                .build();
    }

    /**
     * Batch listeners whose offsets are committed only when the listener returns, i.e. after the batch is
     * written. When it throws (a shard is down), the error handler pauses the partitions, keeps polling so the
     * group does not rebalance, and hands the same batch back with exponential backoff, with no attempt limit:
     * a batch is never skipped, it waits in Kafka until the database is back.
     */
    @Bean(BATCH_LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> pingBatchListenerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer,
            ConsumerFactory<Object, Object> consumers,
            GeoProperties properties) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.pings().writerConcurrency());
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        ExponentialBackOff backOff =
                new ExponentialBackOff(properties.pings().retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.pings().retryMaxInterval().toMillis());
        factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return factory;
    }
}
