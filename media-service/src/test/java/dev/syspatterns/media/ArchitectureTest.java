package dev.syspatterns.media;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.syspatterns.testsupport.PlatformArchitecture;
import org.junit.jupiter.api.Test;

/** media-service keeps the platform's architecture rules (see PlatformArchitecture). */
class ArchitectureTest {

    private final JavaClasses classes = PlatformArchitecture.productionClassesOf("media");

    @Test
    void doesNotDependOnOtherServices() {
        PlatformArchitecture.doesNotDependOnOtherServices("media").check(classes);
    }

    @Test
    void capabilitiesAreFreeOfCycles() {
        PlatformArchitecture.capabilitiesAreFreeOfCycles("media")
                .allowEmptyShould(true)
                .check(classes);
    }
}
