package dev.syspatterns.realtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.syspatterns.testsupport.PlatformArchitecture;
import org.junit.jupiter.api.Test;

/** realtime-service keeps the platform's architecture rules (see PlatformArchitecture). */
class ArchitectureTest {

    private final JavaClasses classes = PlatformArchitecture.productionClassesOf("realtime");

    @Test
    void doesNotDependOnOtherServices() {
        PlatformArchitecture.doesNotDependOnOtherServices("realtime").check(classes);
    }

    @Test
    void capabilitiesAreFreeOfCycles() {
        PlatformArchitecture.capabilitiesAreFreeOfCycles("realtime")
                .allowEmptyShould(true)
                .check(classes);
    }
}
