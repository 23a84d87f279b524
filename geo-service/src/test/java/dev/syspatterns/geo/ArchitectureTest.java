package dev.syspatterns.geo;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.syspatterns.testsupport.PlatformArchitecture;
import org.junit.jupiter.api.Test;

/** geo-service keeps the platform's architecture rules (see PlatformArchitecture). */
class ArchitectureTest {

    private final JavaClasses classes = PlatformArchitecture.productionClassesOf("geo");

    @Test
    void doesNotDependOnOtherServices() {
        PlatformArchitecture.doesNotDependOnOtherServices("geo").check(classes);
    }

    @Test
    void capabilitiesAreFreeOfCycles() {
        PlatformArchitecture.capabilitiesAreFreeOfCycles("geo")
                .allowEmptyShould(true)
                .check(classes);
    }
}
