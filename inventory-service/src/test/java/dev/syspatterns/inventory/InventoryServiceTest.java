package dev.syspatterns.inventory;

import dev.syspatterns.testsupport.RealInfrastructure;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole service on a random port against real infrastructure. Every test class that uses it shares one
 * Spring context; Redis keys get their own prefix so a locally running service is not disturbed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "platform.inventory.redis-key-prefix=test-inventory:")
@RealInfrastructure(database = "inventory")
public @interface InventoryServiceTest {}
