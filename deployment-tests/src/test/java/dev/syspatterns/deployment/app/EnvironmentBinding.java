package dev.syspatterns.deployment.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Whether a set of environment variables provides a property, decided by Spring Boot's own relaxed binding (the
 * same code that binds them in the running service): {@code SPRING_KAFKA_BOOTSTRAP_SERVERS} provides
 * {@code spring.kafka.bootstrap-servers}, {@code PLATFORM_GEO_SHARDS_0_URL} provides
 * {@code platform.geo.shards[0].url}.
 */
public final class EnvironmentBinding {

    private final Map<String, String> environment;
    private final ConfigurationPropertySource source;

    public EnvironmentBinding(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(environment)));
    }

    /** A property key ({@code spring.datasource.url}) or a raw placeholder name ({@code JWT_SECRET}). */
    public boolean provides(String key) {
        return value(key).isPresent();
    }

    public Optional<String> value(String key) {
        if (environment.containsKey(key)) {
            return Optional.of(environment.get(key));
        }
        if (!ConfigurationPropertyName.isValid(key)) {
            return Optional.empty();
        }
        ConfigurationProperty property = source.getConfigurationProperty(ConfigurationPropertyName.of(key));
        return Optional.ofNullable(property).map(p -> String.valueOf(p.getValue()));
    }

    /** The variable that provides the key, e.g. to check that a password comes from a Secret. */
    public Optional<String> variableFor(String key) {
        return environment.keySet().stream()
                .filter(name -> new EnvironmentBinding(Map.of(name, environment.get(name))).provides(key))
                .findFirst();
    }

    /** The conventional variable name for a key, for messages that tell the reader what to add. */
    public static String variableName(String key) {
        return key.replaceAll("\\[(\\d+)]", "_$1")
                .replace('.', '_')
                .replace('-', '_')
                .toUpperCase();
    }
}
