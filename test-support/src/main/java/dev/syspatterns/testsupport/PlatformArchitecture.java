package dev.syspatterns.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The architecture rules every service keeps, as ArchUnit rules a service's {@code ArchitectureTest} checks:
 * services never reach into each other (they talk over HTTP and Kafka, sharing only platform-events and
 * platform-web), and a service's capability packages form no cycles.
 */
public final class PlatformArchitecture {

    public static final String ROOT = "dev.syspatterns";
    public static final List<String> SERVICES =
            List.of("gateway", "realtime", "jobs", "inventory", "media", "workflow", "geo");

    private PlatformArchitecture() {}

    /** The production classes of one service (tests excluded). */
    public static JavaClasses productionClassesOf(String service) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT + "." + service);
    }

    /** No class of {@code service} uses a class of another service. */
    public static ArchRule doesNotDependOnOtherServices(String service) {
        String[] others = SERVICES.stream()
                .filter(s -> !s.equals(service))
                .map(s -> ROOT + "." + s + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(ROOT + "." + service + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services talk over HTTP and Kafka, never through each other's classes");
    }

    /** The capability packages directly under the service's root package form no dependency cycle. */
    public static ArchRule capabilitiesAreFreeOfCycles(String service) {
        return slices().matching(ROOT + "." + service + ".(*)..").should().beFreeOfCycles();
    }
}
