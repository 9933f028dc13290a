package io.turnpike.launcher;

import io.turnpike.aggregates.Governance;
import io.turnpike.aggregates.GovernanceOptions;
import io.turnpike.proxy.RateLimitPolicyView;
import io.turnpike.proxy.RateLimitScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy sees the rate limits defined through {@link Governance}, translated once per change. */
class RateLimitPolicySourceIT {
    @TempDir
    Path home;

    @Test
    void servesTheDefinedPoliciesToTheProxy() {
        try (Governance governance = Governance.start(GovernanceOptions.embedded(home))) {
            DirectoryAdapter directory = new DirectoryAdapter(governance);
            assertThat(directory.rateLimitPolicies()).isEmpty();

            governance.defineRateLimit("eng-rpm", "team", Map.of("team", "eng"), 60L, null, null, 50_000L, "alice");
            List<RateLimitPolicyView> policies = directory.rateLimitPolicies();

            assertThat(policies).containsExactly(new RateLimitPolicyView("eng-rpm", RateLimitScope.TEAM,
                    Map.of("team", "eng"), 60L, null, null, 50_000L));
            assertThat(directory.rateLimitPolicies()).as("translated once per change").isSameAs(policies);
            governance.removeRateLimit("eng-rpm", "bob");
            assertThat(directory.rateLimitPolicies()).isEmpty();
        }
    }
}
