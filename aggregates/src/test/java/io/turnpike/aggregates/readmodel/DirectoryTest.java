package io.turnpike.aggregates.readmodel;

import io.turnpike.aggregates.ConfigVersionView;
import io.turnpike.aggregates.ConfigView;
import io.turnpike.aggregates.KeyView;
import io.turnpike.aggregates.ProviderView;
import io.turnpike.events.admin.ApiKeyIssued;
import io.turnpike.events.admin.ApiKeyRevoked;
import io.turnpike.events.admin.ConfigCreated;
import io.turnpike.events.admin.ConfigRolledBack;
import io.turnpike.events.admin.ConfigUpdated;
import io.turnpike.events.admin.ProviderRegistered;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DirectoryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private final Directory directory = new Directory();

    @Test
    void providerViewHidesTheSealedSecret() {
        directory.on(new ProviderRegistered("anthropic", "anthropic", Map.of(), "v1:sealed", "alice", T0));
        assertThat(directory.providers()).containsExactly(
                new ProviderView("anthropic", "anthropic", Map.of(), true, T0));
        assertThat(directory.provider("anthropic")).get()
                .extracting(Directory.ProviderEntry::sealedSecret).isEqualTo("v1:sealed");
        assertThat(directory.providerExists("anthropic")).isTrue();
        assertThat(directory.providerExists("mock")).isFalse();
    }

    @Test
    void configShowsLatestVersion() {
        directory.on(new ConfigCreated("default", 1, "{\"a\":1}", "alice", T0));
        directory.on(new ConfigUpdated("default", 2, "{\"a\":2}", "bob", T1));
        assertThat(directory.config("default")).contains(new ConfigView("default", 2, "{\"a\":2}", T1));
        assertThat(directory.configExists("default")).isTrue();
    }

    @Test
    void keepsEveryConfigVersionAndShowsARollbackAsTheLatest() {
        directory.on(new ConfigCreated("default", 1, "{\"a\":1}", "alice", T0));
        directory.on(new ConfigUpdated("default", 2, "{\"a\":2}", "bob", T1));
        directory.on(new ConfigRolledBack("default", 3, 1, "{\"a\":1}", "carol", T1));

        assertThat(directory.configVersions("default")).containsExactly(
                new ConfigVersionView("default", 1, "{\"a\":1}", "alice", T0, null),
                new ConfigVersionView("default", 2, "{\"a\":2}", "bob", T1, null),
                new ConfigVersionView("default", 3, "{\"a\":1}", "carol", T1, 1));
        assertThat(directory.config("default")).contains(new ConfigView("default", 3, "{\"a\":1}", T1));
        assertThat(directory.configVersions("other")).isEmpty();
    }

    @Test
    void revokedKeyStaysFindableByHashWithRevocationTime() {
        directory.on(new ApiKeyIssued("key_1", "k", "hash1", "tp-abcdefg", "default", Map.of("team", "a"), "alice", T0));
        directory.on(new ApiKeyRevoked("key_1", "bob", T1));
        assertThat(directory.keyByHash("hash1")).get().satisfies(key -> {
            assertThat(key.revoked()).isTrue();
            assertThat(key.revokedAt()).isEqualTo(T1);
            assertThat(key.createdAt()).isEqualTo(T0);
        });
        assertThat(directory.keyByHash("other")).isEmpty();
    }

    @Test
    void listsKeysInIssueOrder() {
        directory.on(new ApiKeyIssued("key_b", "b", "h2", "tp-bbbbbbb", "default", Map.of(), "alice", T0));
        directory.on(new ApiKeyIssued("key_a", "a", "h1", "tp-aaaaaaa", "default", Map.of(), "alice", T1));
        assertThat(directory.keys()).extracting(KeyView::id).containsExactly("key_b", "key_a");
    }
}
