package dev.syspatterns.inventory.cache;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * While Redis is unreachable, Lettuce by default queues commands until it reconnects, so every cache read would
 * wait for the command timeout. Rejecting them at once lets reads fall through to the database immediately.
 */
@Configuration(proxyBeanMethods = false)
class RedisFailFast {

    @Bean
    LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
