package dev.syspatterns.inventory;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.syspatterns.testsupport.PlatformArchitecture;
import org.junit.jupiter.api.Test;

/** inventory-service keeps the platform's architecture rules (see PlatformArchitecture). */
class ArchitectureTest {

    private final JavaClasses classes = PlatformArchitecture.productionClassesOf("inventory");

    @Test
    void doesNotDependOnOtherServices() {
        PlatformArchitecture.doesNotDependOnOtherServices("inventory").check(classes);
    }

    @Test
    void capabilitiesAreFreeOfCycles() {
        PlatformArchitecture.capabilitiesAreFreeOfCycles("inventory")
                .allowEmptyShould(true)
                .check(classes);
    }
}
