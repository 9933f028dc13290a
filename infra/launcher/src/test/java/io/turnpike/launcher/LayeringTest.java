package io.turnpike.launcher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The design card's arrows, enforced: modules depend downwards on events; nothing depends on the proxy. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.turnpike");
    }

    @Test
    void eventsDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage("io.turnpike.events..")
                .should().dependOnClassesThat().resideInAnyPackage("io.turnpike.proxy..", "io.turnpike.aggregates..",
                        "io.turnpike.streamjobs..", "io.turnpike.query..", "io.turnpike.launcher..", "io.turnpike.infra..")
                .check(classes);
    }

    @Test
    void onlyTheLauncherKnowsTheProxy() {
        noClasses().that().resideOutsideOfPackages("io.turnpike.proxy..", "io.turnpike.launcher..")
                .should().dependOnClassesThat().resideInAPackage("io.turnpike.proxy..")
                .check(classes);
    }

    @Test
    void theDataPathDoesNotReachIntoTheAggregatesOrTheReadSide() {
        noClasses().that().resideInAPackage("io.turnpike.proxy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.turnpike.aggregates..", "io.turnpike.query..",
                        "io.turnpike.streamjobs..")
                .check(classes);
    }

    /** The aggregates' subpackages are public only so their façade can reach them; other modules use the façade. */
    @Test
    void otherModulesUseTheAggregatesOnlyThroughTheirApiPackage() {
        noClasses().that().resideOutsideOfPackage("io.turnpike.aggregates..")
                .should().dependOnClassesThat().resideInAPackage("io.turnpike.aggregates.*..")
                .check(classes);
    }

    @Test
    void streamJobsAndQueryApiStayIndependent() {
        noClasses().that().resideInAPackage("io.turnpike.streamjobs..")
                .should().dependOnClassesThat().resideInAnyPackage("io.turnpike.query..", "io.turnpike.aggregates..")
                .check(classes);
        noClasses().that().resideInAPackage("io.turnpike.query..")
                .should().dependOnClassesThat().resideInAPackage("io.turnpike.streamjobs..")
                .check(classes);
    }
}
