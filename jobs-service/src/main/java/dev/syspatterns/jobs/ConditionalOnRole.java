package dev.syspatterns.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Registers a bean only in processes whose {@code platform.jobs.role} includes {@link #value()}: the API half
 * ({@code api}, {@code both}) or the worker half ({@code worker}, {@code both}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(ConditionalOnRole.OnRole.class)
public @interface ConditionalOnRole {

    Half value();

    enum Half {
        API,
        WORKER
    }

    final class OnRole implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
            Half half = (Half) attributes.get("value");
            String configured = context.getEnvironment().getProperty("platform.jobs.role", "both");
            JobsProperties.Role role =
                    JobsProperties.Role.valueOf(configured.trim().toUpperCase(Locale.ROOT));
            return half == Half.API ? role.runsApi() : role.runsWorkers();
        }
    }
}
