package io.turnpike.aggregates;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the module's layering and its public surface as documented in README.md. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.turnpike.aggregates");

    @Test
    void dependsOnNoTurnpikeModuleButEvents() {
        noClasses().should().dependOnClassesThat(
                        DescribedPredicate.describe("in another turnpike module",
                                (JavaClass c) -> c.getPackageName().startsWith("io.turnpike.")
                                        && !c.getPackageName().startsWith("io.turnpike.events")
                                        && !c.getPackageName().startsWith("io.turnpike.aggregates")))
                .check(MAIN);
    }

    @Test
    void publicSurfaceIsOnlyTheFacadeItsRecordsAndExceptions() {
        Set<String> publicTypes = MAIN.stream()
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
}
