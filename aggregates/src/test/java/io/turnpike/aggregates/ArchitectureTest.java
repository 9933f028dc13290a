package io.turnpike.aggregates;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.turnpike.aggregates.budgets.BudgetPeriod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module's public surface and its package layering, as described in README.md. The root package is the API: the
 * {@link Governance} façade (with {@code Budgets}, its budget half) on top of everything, and the vocabulary it speaks
 * — options, views, exceptions, {@link ApiKeys} — below everything.
 */
class ArchitectureTest {
    private static final String MODULE = "io.turnpike.aggregates";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(MODULE);
    private static final DescribedPredicate<JavaClass> FACADE = DescribedPredicate.describe("the façade",
            (JavaClass c) -> c.getName().equals(Governance.class.getName())
                    || c.getName().startsWith(Governance.class.getName() + "$")
                    || c.getName().equals(MODULE + ".Budgets"));
    /** The API's vocabulary: the root package without the façade. Everything may use it. */
    private static final DescribedPredicate<JavaClass> VOCABULARY = resideInAPackage(MODULE).and(not(FACADE))
            .as("the API's vocabulary");
    private static final DescribedPredicate<JavaClass> IN_MODULE = resideInAPackage(MODULE + "..");
    private static final String RULES = MODULE + ".rules..";

    @Test
    void dependsOnNoTurnpikeModuleButEvents() {
        noClasses().should().dependOnClassesThat(
                        DescribedPredicate.describe("in another turnpike module",
                                (JavaClass c) -> c.getPackageName().startsWith("io.turnpike.")
                                        && !c.getPackageName().startsWith("io.turnpike.events")
                                        && !c.getPackageName().startsWith("io.turnpike.aggregates")))
                .check(MAIN);
    }

    /** The API other modules use; the subpackages are public only so the façade can reach them. */
    @Test
    void publicSurfaceIsOnlyTheFacadeItsRecordsAndExceptions() {
        Set<String> publicTypes = MAIN.stream()
                .filter(c -> c.getPackageName().equals(MODULE))
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.isNestedClass())
                .map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(publicTypes).containsExactlyInAnyOrder(
                "Governance", "GovernanceOptions", "ProviderView", "ProviderAccount", "ConfigView", "SavedConfig",
                "ConfigVersionView", "IssuedKey", "UserBlockView", "MetadataSchemaView", "RateLimitView",
                "KeyView", "PriceTableView", "ApiKeys", "ValidationException", "NotFoundException", "ConflictException",
                "BudgetView", "ReservationView", "BudgetExceededException", "GuardrailView", "TenantGuardrailsView");
    }

    /** No public method or constructor of the API takes or returns a type of the subpackages. */
    @Test
    void theApiExposesNoInternalType() {
        List<String> leaks = MAIN.stream()
                .filter(c -> c.getPackageName().equals(MODULE) && c.getModifiers().contains(JavaModifier.PUBLIC))
                .flatMap(c -> c.getMembers().stream())
                .filter(member -> member.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(member -> member.getAllInvolvedRawTypes().stream()
                        .anyMatch(type -> type.getPackageName().startsWith(MODULE + ".")))
                .map(JavaMember::getFullName)
                .toList();
        assertThat(leaks).isEmpty();
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching(MODULE + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theApiVocabularyDependsOnNoOtherPackageOfTheModule() {
        noClasses().that(VOCABULARY)
                .should().dependOnClassesThat(IN_MODULE.and(not(resideInAPackage(MODULE))))
                .check(MAIN);
    }

    @Test
    void onlyTheFacadeIsAboveEverything() {
        noClasses().that(not(FACADE)).should().dependOnClassesThat(FACADE).check(MAIN);
    }

    /** Secrets know nothing else of the module: a sealed string in, a plain one out. */
    @Test
    void secretsAreAtTheBottom() {
        noClasses().that().resideInAPackage(MODULE + ".secrets..")
                .should().dependOnClassesThat(IN_MODULE.and(not(resideInAPackage(MODULE + ".secrets.."))))
                .check(MAIN);
    }

    /** The event store needs only the options that say where it is. */
    @Test
    void storageIsAtTheBottom() {
        noClasses().that().resideInAPackage(MODULE + ".storage..")
                .should().dependOnClassesThat(IN_MODULE.and(not(resideInAPackage(MODULE + ".storage..")))
                        .and(not(equivalentTo(GovernanceOptions.class))))
                .check(MAIN);
    }

    /** The rules every aggregate shares decide on their input alone (and on {@code References}, an interface). */
    @Test
    void theSharedRulesDependOnNoAggregate() {
        noClasses().that().resideInAPackage(RULES)
                .should().dependOnClassesThat(IN_MODULE.and(not(resideInAPackage(RULES))).and(not(VOCABULARY)))
                .check(MAIN);
    }

    /**
     * Each aggregate with its commands and rules: it may use the shared rules and the API's vocabulary, never another
     * aggregate's package, the read models, the store or the secrets.
     */
    @ParameterizedTest
    @ValueSource(strings = {"providers", "configs", "keys", "pricing", "budgets", "ratelimits", "userblocks", "metadata",
            "guardrails"})
    void anAggregateDependsOnlyOnTheSharedRules(String aggregate) {
        String own = MODULE + "." + aggregate + "..";
        noClasses().that().resideInAPackage(own)
                .should().dependOnClassesThat(IN_MODULE.and(not(resideInAnyPackage(own, RULES))).and(not(VOCABULARY)))
                .check(MAIN);
    }

    /** The read models follow events, not aggregates; they share only the budget period arithmetic with one. */
    @Test
    void theReadModelsDependOnNoAggregateStoreOrSecret() {
        String readModel = MODULE + ".readmodel..";
        noClasses().that().resideInAPackage(readModel)
                .should().dependOnClassesThat(IN_MODULE.and(not(resideInAnyPackage(readModel, RULES)))
                        .and(not(VOCABULARY)).and(not(equivalentTo(BudgetPeriod.class))))
                .check(MAIN);
    }
}
