package io.turnpike.launcher;

import io.turnpike.aggregates.ApiKeys;
import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.GovernanceOptions;
import io.turnpike.aggregates.IssuedKey;
import io.turnpike.proxy.KeyGrant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy sees the guardrail baselines set through {@link Governance}: the key's own and the tenant's warn status. */
class DirectoryAdapterIT {
    private static final String NO_PII = "{\"id\":\"no-pii\",\"checks\":[{\"type\":\"pii\",\"params\":"
            + "{\"categories\":[\"email\"]}}]}";
    private static final String SHORT = "{\"id\":\"short\",\"checks\":[{\"type\":\"wordCount\",\"params\":{\"max\":5}}],"
            + "\"action\":\"warn\"}";

    @TempDir
    Path home;

    @Test
    void grantsCarryTheKeysGuardrailsForCurrentAndPreviousMaterial() {
        try (Governance governance = Governance.start(GovernanceOptions.embedded(home))) {
            DirectoryAdapter directory = new DirectoryAdapter(governance);
            governance.registerProvider("mock", "mock", Map.of(), null, "alice");
            governance.createConfig("default", "{\"targets\":[{\"provider\":\"@mock\"}]}", "alice");
            governance.defineGuardrail(NO_PII, "alice");
            governance.defineGuardrail(SHORT, "alice");
            IssuedKey plain = governance.issueKey("plain", "default", Map.of(), "alice");
            IssuedKey guarded = governance.issueKey("guarded", "default", Map.of(), false, null, null,
                    List.of("short", "no-pii"), "alice");

            assertThat(directory.keyByHash(ApiKeys.hash(plain.key()))).get()
                    .extracting(KeyGrant::guardrailIds).isEqualTo(List.of());
            assertThat(directory.keyByHash(ApiKeys.hash(guarded.key()))).get()
                    .extracting(KeyGrant::guardrailIds).isEqualTo(List.of("short", "no-pii"));

            IssuedKey rotated = governance.rotateKey(guarded.id(), null, "bob");
            governance.updateKeyLimits(guarded.id(), null, null, List.of("no-pii"), "bob");
            assertThat(directory.keyByHash(ApiKeys.hash(rotated.key()))).get()
                    .extracting(KeyGrant::guardrailIds).isEqualTo(List.of("no-pii"));
            KeyGrant previous = directory.keyByHash(ApiKeys.hash(guarded.key())).orElseThrow();
            assertThat(previous.retiringAt()).as("the replaced material, in its grace period").isNotNull();
            assertThat(previous.guardrailIds()).containsExactly("no-pii");
        }
    }

    @Test
    void answersTheTenantsWarnStatus() {
        try (Governance governance = Governance.start(GovernanceOptions.embedded(home))) {
            DirectoryAdapter directory = new DirectoryAdapter(governance);
            governance.defineGuardrail(SHORT, "alice");
            assertThat(directory.guardrailWarnStatus("acme")).isEqualTo(200);

            governance.setTenantGuardrails("acme", List.of("short"), 246, "carol");
            assertThat(directory.guardrailWarnStatus("acme")).isEqualTo(246);
            assertThat(directory.tenantGuardrails("acme")).containsExactly("short");
            assertThat(directory.guardrailWarnStatus("other")).isEqualTo(200);

            governance.setTenantGuardrails("acme", List.of("short"), null, "carol");
            assertThat(directory.guardrailWarnStatus("acme")).isEqualTo(200);
        }
    }
}
