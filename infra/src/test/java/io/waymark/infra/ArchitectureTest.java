package io.waymark.infra;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The CDK app's packages depend on each other in one direction only: the app composes, constructs
 * are leaves.
 */
class ArchitectureTest {

    private static final JavaClasses INFRA =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.waymark.infra");

    @Test
    void noPackageCycles() {
        // Every package its own slice, the root package included (where WaymarkApp lives).
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(INFRA);
    }

    static final SliceAssignment EACH_PACKAGE =
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
