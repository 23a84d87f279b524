package dev.syspatterns.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a Spring test's connection properties at real servers from {@link Infrastructure#get()}:
 *
 * <ul>
 *   <li>{@code spring.datasource.url/username/password}: database {@code test_<database>} on the primary
 *       (created with PostGIS when missing), and {@code platform.replica.url/username/password}: the same
 *       database on the streaming replica;
 *   <li>{@code spring.data.redis.host/port}, {@code spring.kafka.bootstrap-servers};
 *   <li>{@code platform.s3.endpoint/region/access-key/secret-key};
 *   <li>{@code spring.temporal.connection.target}, {@code spring.temporal.namespace}.
 * </ul>
 *
 * Values resolve on first read, so a test that never touches Kafka never starts a Kafka container.
 * Explicit test properties ({@code @SpringBootTest(properties=...)}, {@code @TestPropertySource}) win.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {

    /** The service's database name (the test uses {@code test_<name>}); empty for none. */
    String database() default "";
}
