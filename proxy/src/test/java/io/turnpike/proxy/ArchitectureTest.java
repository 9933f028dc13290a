package io.turnpike.proxy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layering described in README.md. The root package is the public surface: its ports and records sit
 * below everything, and {@link ProxyServer} — which wires the rest — above everything.
 */
class ArchitectureTest {
    private static final String PROXY = "io.turnpike.proxy";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(PROXY);

    @Test
    void packagesFormNoCycles() {
        slices().matching(PROXY + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theRootPortsDependOnNoOtherPackageOfTheProxy() {
        noClasses().that().resideInAPackage(PROXY).and().doNotHaveFullyQualifiedName(ProxyServer.class.getName())
                .should().dependOnClassesThat(resideInAPackage(PROXY + "..").and(not(resideInAPackage(PROXY))))
                .check(MAIN);
    }

    @Test
    void onlyTheEntryPointIsAboveTheHttpHandlers() {
        noClasses().that().resideOutsideOfPackage(PROXY + ".http..")
                .and().doNotHaveFullyQualifiedName(ProxyServer.class.getName())
                .should().dependOnClassesThat().resideInAPackage(PROXY + ".http..")
                .check(MAIN);
        noClasses().that().doNotHaveFullyQualifiedName(ProxyServer.class.getName())
                .should().dependOnClassesThat().haveFullyQualifiedName(ProxyServer.class.getName())
                .check(MAIN);
    }

    @Test
    void theGuardrailChecksLibraryStandsAlone() {
        standsAlone(PROXY + ".guardrails..");
    }

    @Test
    void pricingStandsAlone() {
        standsAlone(PROXY + ".pricing..");
    }

    @Test
    void providersDoNotDependOnEachOther() {
        slices().matching(PROXY + ".providers.(*)..").should().notDependOnEachOther().check(MAIN);
    }

    @Test
    void providersKnowNothingOfRoutingAttemptsOrPolicies() {
        noClasses().that().resideInAPackage(PROXY + ".providers..")
                .should().dependOnClassesThat().resideInAnyPackage(PROXY + ".routing..", PROXY + ".attempts..",
                        PROXY + ".retry..", PROXY + ".health..", PROXY + ".limits..", PROXY + ".cache..",
                        PROXY + ".guarding..", PROXY + ".auth..")
                .check(MAIN);
    }

    /** Libraries the data path uses: neither Undertow nor any other package of the proxy. */
    private static void standsAlone(String library) {
        noClasses().that().resideInAPackage(library)
                .should().dependOnClassesThat(resideInAPackage(PROXY + "..").and(not(resideInAPackage(library))))
                .orShould().dependOnClassesThat().resideInAnyPackage("io.undertow..", "org.xnio..")
                .check(MAIN);
    }
}
