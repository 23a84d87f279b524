package dev.syspatterns.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** One {@link StoredTraceContext} for a service, on the Tracer and Propagator Micrometer Tracing provides. */
@AutoConfiguration
public class StoredTraceContextAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StoredTraceContext storedTraceContext(Tracer tracer, Propagator propagator) {
        return new StoredTraceContext(tracer, propagator);
    }
}
