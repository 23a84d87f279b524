package dev.syspatterns.realtime.fanout;

import dev.syspatterns.realtime.RealtimeProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration(proxyBeanMethods = false)
class FanoutTopicConfiguration {

    /** Keyed by channel, so partitions keep each channel's order; four lets consumers of it scale later. */
    @Bean
    NewTopic realtimeMessagesTopic(RealtimeProperties properties) {
        return TopicBuilder.name(properties.messagesTopic()).partitions(4).build();
    }
}
