package dev.syspatterns.jobs;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.syspatterns.testsupport.PlatformArchitecture;
import org.junit.jupiter.api.Test;

/** jobs-service keeps the platform's architecture rules (see PlatformArchitecture). */
class ArchitectureTest {

    private final JavaClasses classes = PlatformArchitecture.productionClassesOf("jobs");

    @Test
    void doesNotDependOnOtherServices() {
        PlatformArchitecture.doesNotDependOnOtherServices("jobs").check(classes);
    }

    @Test
    void capabilitiesAreFreeOfCycles() {
        PlatformArchitecture.capabilitiesAreFreeOfCycles("jobs")
                .allowEmptyShould(true)
                .check(classes);
    }
}
