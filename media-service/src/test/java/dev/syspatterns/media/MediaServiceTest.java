package dev.syspatterns.media;

import dev.syspatterns.testsupport.RealInfrastructure;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole service on a random port against real infrastructure, with its own bucket (apart from the
 * running platform's) and a {@link MediaApi} to inject.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.media.bucket=test-media")
@RealInfrastructure(database = "media")
@Import(MediaApi.Client.class)
public @interface MediaServiceTest {}
