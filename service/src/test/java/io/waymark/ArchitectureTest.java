package io.waymark;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Service;

/**
 * The dependency rule of the service (CONTRIBUTING.md): features depend on the shared kernel and
 * the store plumbing, never the other way round; {@code web} only adapts HTTP, so no store and no
 * service knows it; and no two packages depend on each other, directly or around a circle.
 */
class ArchitectureTest {

    private static final JavaClasses SERVICE =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.waymark");

    @Test
    void noPackageCycles() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(SERVICE);
    }

    /** Services by name or by annotation: a feature's services need not be called …Service. */
    @Test
    void storesAndServicesDoNotKnowTheWebLayer() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Store")
                .or()
                .haveSimpleNameEndingWith("Service")
                .or()
                .areAnnotatedWith(Service.class)
                .or()
                .resideInAPackage("io.waymark.store..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.waymark.web..")
                .check(SERVICE);
    }

    @Test
    void theSharedKernelDependsOnNoOtherPackageOfOurs() {
        noClasses()
                .that()
                .resideInAPackage("io.waymark.shared..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.waymark.auth..",
                        "io.waymark.user..",
                        "io.waymark.todo..",
                        "io.waymark.location..",
                        "io.waymark.idempotency..",
                        "io.waymark.store..",
                        "io.waymark.web..",
                        "io.waymark.webpage..",
                        "io.waymark.config..")
                .check(SERVICE);
    }

    /** Every package its own slice, the root package (the commands) included. */
    private static final SliceAssignment EACH_PACKAGE =
            new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    return SliceIdentifier.of(javaClass.getPackageName());
                }

                @Override
                public String getDescription() {
                    return "each package";
                }
            };
}
