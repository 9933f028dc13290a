package io.turnpike.aggregates;

import io.turnpike.aggregates.pricing.PriceBookTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour every event store must give {@link Governance}: commands visible on return, and everything surviving
 * a restart on the same store. Subclasses say how to open the store.
 */
abstract class GovernanceContract {
    static final String ANTHROPIC_SECRET = "sk-ant-api03-PLAINTEXT-must-never-be-stored-0123456789";
    static final String CONFIG = "{\"targets\":[{\"provider\":\"@anthropic\"},{\"provider\":\"@mock\"}]}";

    abstract GovernanceOptions options();

    Governance start() {
        return Governance.start(options());
    }

    /** Providers, a config and a key, the way the admin API would create them; returns the issued key. */
    IssuedKey seed(Governance governance) {
        governance.registerProvider("mock", "mock", Map.of(), null, "alice");
        governance.registerProvider("anthropic", "anthropic", Map.of("base_url", "https://api.anthropic.com"),
                ANTHROPIC_SECRET, "alice");
        governance.createConfig("default", CONFIG, "alice");
        return governance.issueKey("search prod", "default", Map.of("team", "search"), "alice");
    }

    @Test
    void commandsAreVisibleInTheDirectoryWhenTheyReturn() {
        try (Governance governance = start()) {
            IssuedKey issued = seed(governance);

            assertThat(governance.providers()).extracting(ProviderView::id).containsExactly("anthropic", "mock");
            assertThat(governance.providers()).filteredOn(p -> p.id().equals("anthropic"))
                    .singleElement().satisfies(p -> assertThat(p.hasSecret()).isTrue());
            assertThat(governance.provider("anthropic")).get()
                    .extracting(ProviderAccount::secret).isEqualTo(ANTHROPIC_SECRET);
            assertThat(governance.config("default")).get().extracting(ConfigView::version).isEqualTo(1);
            assertThat(governance.keyByHash(ApiKeys.hash(issued.key()))).contains(issued.view());
            assertThat(issued.view().keyPrefix()).isEqualTo(issued.key().substring(0, 10));
            assertThat(issued.view().metadata()).isEqualTo(Map.of("team", "search"));

            ConfigView updated = governance.updateConfig("default", "{\"targets\":[{\"provider\":\"@mock\"}]}", "bob")
                    .config();
            assertThat(updated.version()).isEqualTo(2);
            assertThat(governance.configs()).containsExactly(updated);
        }
    }

    private static void governance_rollsBackToVersionOne(Governance governance, int expectedVersion) {
        SavedConfig rolledBack = governance.rollbackConfig("default", 1, "carol");
        assertThat(rolledBack.config().version()).isEqualTo(expectedVersion);
        assertThat(rolledBack.config().document()).isEqualTo(CONFIG);
        assertThat(governance.configVersions("default")).last()
                .extracting(ConfigVersionView::restoredVersion, ConfigVersionView::actor).containsExactly(1, "carol");
    }

    @Test
    void configHistoryAndRollbackSurviveRestart() {
        String single = "{\"targets\":[{\"provider\":\"@mock\"}],\"note\":\"x\"}";
        try (Governance governance = start()) {
            seed(governance);
            SavedConfig updated = governance.updateConfig("default", single, "bob");
            assertThat(updated.warnings()).containsExactly("note: unknown key; kept in the document but ignored by Turnpike");
            SavedConfig rolledBack = governance.rollbackConfig("default", 1, "carol");
            assertThat(rolledBack.config().version()).isEqualTo(3);
            assertThat(rolledBack.config().document()).isEqualTo(CONFIG);
            assertThat(governance.config("default")).contains(rolledBack.config());
        }
        try (Governance restarted = start()) {
            assertThat(restarted.configVersions("default"))
                    .extracting(ConfigVersionView::version, ConfigVersionView::document, ConfigVersionView::actor,
                            ConfigVersionView::restoredVersion)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, CONFIG, "alice", null),
                            org.assertj.core.groups.Tuple.tuple(2, single, "bob", null),
                            org.assertj.core.groups.Tuple.tuple(3, CONFIG, "carol", 1));
            assertThatThrownBy(() -> restarted.rollbackConfig("default", 9, "carol"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> restarted.rollbackConfig("default", 3, "carol"))
                    .isInstanceOf(ValidationException.class).hasMessageStartingWith("version:");
            assertThatThrownBy(() -> restarted.rollbackConfig("missing", 1, "carol"))
                    .isInstanceOf(NotFoundException.class);
            assertThat(restarted.configVersions("missing")).isEmpty();
        }
    }

    @Test
    void everythingSurvivesRestartOnTheSameStore() {
        IssuedKey issued;
        try (Governance governance = start()) {
            issued = seed(governance);
            governance.updateConfig("default", CONFIG, "bob");
        }
        try (Governance restarted = start()) {
            KeyView key = restarted.keyByHash(ApiKeys.hash(issued.key())).orElseThrow();
            assertThat(key).isEqualTo(issued.view());
            assertThat(key.revoked()).isFalse();
            assertThat(restarted.config("default")).get().extracting(ConfigView::version).isEqualTo(2);
            assertThat(restarted.provider("anthropic")).get()
                    .extracting(ProviderAccount::secret).isEqualTo(ANTHROPIC_SECRET);
            assertThat(restarted.provider("mock")).get()
                    .extracting(ProviderAccount::secret).isNull();

            // Aggregates are rebuilt from the store too: duplicates still conflict after restart.
            assertThatThrownBy(() -> restarted.createConfig("default", CONFIG, "alice"))
                    .isInstanceOf(ConflictException.class);
        }
    }

    @Test
    void publishedPriceTablesSurviveRestartAndVersionsStayUnique() {
        String next = PriceBookTest.TABLE.replace("2026-12-01", "2027-01-01");
        try (Governance governance = start()) {
            assertThat(governance.currentPriceTable()).isEmpty();
            governance.publishPriceTable(PriceBookTest.TABLE, "alice");
            PriceTableView published = governance.publishPriceTable(next, "bob");
            assertThat(published.version()).isEqualTo("2027-01-01");
            assertThat(published.actor()).isEqualTo("bob");
        }
        try (Governance restarted = start()) {
            assertThat(restarted.currentPriceTable()).get().extracting(PriceTableView::version).isEqualTo("2027-01-01");
            assertThat(restarted.priceTables()).extracting(PriceTableView::version)
                    .containsExactly("2026-12-01", "2027-01-01");
            assertThatThrownBy(() -> restarted.publishPriceTable(PriceBookTest.TABLE, "carol"))
                    .isInstanceOf(ConflictException.class);
        }
    }

    @Test
    void rotationLimitsBlocksAndSchemasSurviveRestart() {
        IssuedKey issued;
        IssuedKey rotated;
        try (Governance governance = start()) {
            issued = seed(governance);
            rotated = governance.rotateKey(issued.id(), java.time.Duration.ofHours(1), "bob");
            assertThat(rotated.key()).isNotEqualTo(issued.key());
            governance.updateKeyLimits(issued.id(), List.of("claude-haiku-4-5"), null, "bob");
            governance.blockUser("acme", "A@acme.com", "left", "carol");
            governance.blockUser("acme", "b@acme.com", null, "carol");
            governance.unblockUser("acme", "b@acme.com", "carol");
            governance.defineMetadataSchema("acme", "{\"on_override\":\"refuse\"}", "dave");
        }
        try (Governance restarted = start()) {
            KeyView byNew = restarted.keyByHash(ApiKeys.hash(rotated.key())).orElseThrow();
            assertThat(byNew.isCurrentHash(ApiKeys.hash(rotated.key()))).isTrue();
            assertThat(byNew.allowedModels()).containsExactly("claude-haiku-4-5");
            assertThat(byNew.owner()).isEqualTo("alice");
            KeyView byOld = restarted.keyByHash(ApiKeys.hash(issued.key())).orElseThrow();
            assertThat(byOld.isPreviousHash(ApiKeys.hash(issued.key()))).isTrue();
            assertThat(byOld.previousKeyHashValidUntil()).isAfter(byOld.rotatedAt());
            assertThat(restarted.keyByHash(ApiKeys.hash("tp-never-issued"))).isEmpty();

            // A second rotation ends the first one's grace period at once.
            IssuedKey third = restarted.rotateKey(issued.id(), null, "bob");
            assertThat(restarted.keyByHash(ApiKeys.hash(issued.key()))).isEmpty();
            assertThat(restarted.keyByHash(ApiKeys.hash(rotated.key()))).get()
                    .extracting(KeyView::previousKeyHashValidUntil)
                    .isEqualTo(restarted.key(third.id()).orElseThrow().rotatedAt().plus(Governance.DEFAULT_ROTATION_GRACE));

            assertThat(restarted.isUserBlocked("acme", "a@ACME.com")).isTrue();
            assertThat(restarted.isUserBlocked("acme", "b@acme.com")).isFalse();
            assertThat(restarted.isUserBlocked("other", "a@acme.com")).isFalse();
            assertThat(restarted.userBlocks()).extracting(UserBlockView::user).containsExactly("a@acme.com");
            assertThatThrownBy(() -> restarted.blockUser("acme", "a@acme.com", null, "carol"))
                    .isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> restarted.unblockUser("acme", "never@acme.com", "carol"))
                    .isInstanceOf(NotFoundException.class);

            MetadataSchemaView schema = restarted.metadataSchema("acme").orElseThrow();
            assertThat(schema.version()).isEqualTo(1);
            assertThat(schema.schema().onOverride().name()).isEqualTo("REFUSE");
            assertThat(restarted.defineMetadataSchema("acme", "{}", "dave").version()).isEqualTo(2);
        }
    }

    @Test
    void revocationSurvivesRestart() {
        IssuedKey issued;
        try (Governance governance = start()) {
            issued = seed(governance);
            governance.revokeKey(issued.id(), "bob");
            assertThat(governance.key(issued.id())).get().extracting(KeyView::revoked).isEqualTo(true);
        }
        try (Governance restarted = start()) {
            KeyView key = restarted.keyByHash(ApiKeys.hash(issued.key())).orElseThrow();
            assertThat(key.revoked()).isTrue();
            assertThat(key.revokedAt()).isNotNull();
            assertThatThrownBy(() -> restarted.revokeKey(issued.id(), "bob"))
                    .isInstanceOf(ConflictException.class)
                    .hasMessageContaining("already revoked");
        }
    }

    @Test
    void rejectedCommandsMapToTheFacadeExceptions() {
        try (Governance governance = start()) {
            seed(governance);
            assertThatThrownBy(() -> governance.registerProvider("mock", "mock", Map.of(), null, "alice"))
                    .isInstanceOf(ConflictException.class);
            assertThatThrownBy(() -> governance.registerProvider("x", "openai", Map.of(), null, "alice"))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("providers.type"));
            assertThatThrownBy(() -> governance.updateConfig("missing", CONFIG, "alice"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> governance.issueKey("k", "missing", Map.of(), "alice"))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("keys.config_id"));
            assertThatThrownBy(() -> governance.revokeKey("key_unknown", "alice"))
                    .isInstanceOf(NotFoundException.class);
            assertThat(governance.keys()).hasSize(1);
        }
    }

    @Test
    void concurrentCreatesOfOneIdLetExactlyOneWin() throws Exception {
        try (Governance governance = start()) {
            governance.registerProvider("mock", "mock", Map.of(), null, "alice");
            int writers = 8;
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> outcomes = new ArrayList<>();
                for (int i = 0; i < writers; i++) {
                    outcomes.add(pool.submit(() -> {
                        go.await();
                        try {
                            governance.createConfig("raced", "{\"targets\":[{\"provider\":\"@mock\"}]}", "w");
                            return "created";
                        } catch (ConflictException e) {
                            return "conflict";
                        }
                    }));
                }
                go.countDown();
                List<String> results = new ArrayList<>();
                for (Future<String> outcome : outcomes) {
                    results.add(outcome.get(30, TimeUnit.SECONDS));
                }
                assertThat(results).containsOnlyOnce("created").containsOnly("created", "conflict");
                assertThat(governance.config("raced")).get().extracting(ConfigView::version).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void snapshotsRestoreAggregatesAfterManyUpdates() {
        int updates = Governance.SNAPSHOT_EVERY + 5;
        try (Governance governance = start()) {
            seed(governance);
            for (int i = 0; i < updates; i++) {
                governance.updateConfig("default", CONFIG, "bob");
            }
        }
        try (Governance restarted = start()) {
            // The aggregate now loads from a snapshot plus the tail; a lost version would repeat a number.
            assertThat(restarted.updateConfig("default", CONFIG, "bob").config().version()).isEqualTo(updates + 2);
            // The snapshot carries every version's document, so a rollback past it still copies the right one.
            governance_rollsBackToVersionOne(restarted, updates + 3);
        }
        assertThat(snapshotRows()).isPositive();
    }

    @Test
    void plaintextProviderSecretIsStoredNowhere() {
        try (Governance governance = start()) {
            seed(governance);
        }
        byte[] needle = ANTHROPIC_SECRET.getBytes(StandardCharsets.UTF_8);
        List<byte[]> blobs = storedBlobs();
        assertThat(blobs).as("event and snapshot payloads and metadata").hasSizeGreaterThanOrEqualTo(4);
        assertThat(blobs).noneMatch(blob -> contains(blob, needle));
        assertThat(blobs).anyMatch(blob -> contains(blob, "\"encrypted_secret\":\"v1:".getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Rows in the snapshot table, read straight from the store after Governance closed. */
    long snapshotRows() {
        return query(connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM SnapshotEventEntry")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** Every payload and metadata column of both event tables, as raw bytes. */
    List<byte[]> storedBlobs() {
        return query(connection -> {
            List<byte[]> blobs = new ArrayList<>();
            for (String table : List.of("DomainEventEntry", "SnapshotEventEntry")) {
                try (ResultSet rows = connection.createStatement()
                        .executeQuery("SELECT payload, metaData FROM " + table)) {
                    while (rows.next()) {
                        blobs.add(rows.getBytes(1));
                        blobs.add(rows.getBytes(2));
                    }
                }
            }
            return blobs;
        });
    }

    interface SqlQuery<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs a query against the store this contract's Governance instances use. */
    abstract <T> T query(SqlQuery<T> query);

    @Test
    void rateLimitsAreDefinedReplacedRemovedAndSurviveRestart() {
        try (Governance governance = start()) {
            RateLimitView defined = governance.defineRateLimit("eng-rpm", "team", Map.of("team", "eng"), 60L, null,
                    null, 50_000L, "alice");
            assertThat(defined.requestsPerMinute()).isEqualTo(60L);
            assertThat(governance.rateLimits()).isSameAs(governance.rateLimits()); // cheap to poll per request
            governance.defineRateLimit("eng-rpm", "team", Map.of("team", "eng"), 120L, 5_000L, null, null, "bob");
            governance.defineRateLimit("per-user", "user", null, 10L, null, null, null, "bob");
            governance.defineRateLimit("gone", "key", Map.of("key", "key_1"), 1L, null, null, null, "bob");
            governance.removeRateLimit("gone", "carol");
            assertThatThrownBy(() -> governance.removeRateLimit("gone", "carol"))
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> governance.defineRateLimit("bad", "org", null, 1L, null, null, null, "bob"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("scope"));
        }
        try (Governance restarted = start()) {
            assertThat(restarted.rateLimits()).extracting(RateLimitView::id, RateLimitView::requestsPerMinute,
                            RateLimitView::requestsPerHour, RateLimitView::tokensPerMinute, RateLimitView::actor)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("eng-rpm", 120L, 5_000L, null, "bob"),
                            org.assertj.core.groups.Tuple.tuple("per-user", 10L, null, null, "bob"));
            assertThat(restarted.rateLimit("per-user").orElseThrow().match()).isEmpty();
            assertThat(restarted.rateLimit("gone")).isEmpty();
        }
    }

    @Test
    void guardrailsAndTenantBaselinesSurviveRestart() {
        String piiDeny = "{\"id\":\"no-pii\",\"checks\":[{\"type\":\"pii\",\"params\":{\"categories\":[\"email\"]}}]}";
        try (Governance governance = start()) {
            assertThat(governance.defineGuardrail(piiDeny, "alice").version()).isEqualTo(1);
            GuardrailView redefined = governance.defineGuardrail(piiDeny.replace("}]}", "}],\"action\":\"warn\"}"),
                    "bob");
            assertThat(redefined.version()).isEqualTo(2);
            governance.defineGuardrail("{\"id\":\"short\",\"checks\":[{\"type\":\"wordCount\",\"params\":{\"max\":5}}]}",
                    "alice");
            governance.defineGuardrail("{\"id\":\"gone\",\"checks\":[{\"type\":\"promptInjection\"}]}", "alice");
            governance.setTenantGuardrails("acme", List.of("no-pii", "short"), "carol");
            governance.retireGuardrail("gone", "carol");
            assertThatThrownBy(() -> governance.retireGuardrail("no-pii", "carol"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("[acme]");
            assertThatThrownBy(() -> governance.setTenantGuardrails("acme", List.of("gone"), "carol"))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("guardrails[0]"));
        }
        try (Governance restarted = start()) {
            assertThat(restarted.guardrails()).extracting(GuardrailView::id).containsExactly("no-pii", "short");
            GuardrailView noPii = restarted.guardrail("no-pii").orElseThrow();
            assertThat(noPii.version()).isEqualTo(2);
            assertThat(noPii.actor()).isEqualTo("bob");
            assertThat(noPii.document().action().name()).isEqualTo("WARN");
            assertThat(restarted.guardrail("gone")).isEmpty();
            assertThat(restarted.tenantGuardrails("acme")).containsExactly("no-pii", "short");
            assertThat(restarted.tenantGuardrails("other")).isEmpty();
            // The aggregates were rebuilt too: the retired id stays retired, the live one keeps counting.
            assertThatThrownBy(() -> restarted.defineGuardrail(
                    "{\"id\":\"gone\",\"checks\":[{\"type\":\"promptInjection\"}]}", "alice"))
                    .isInstanceOf(ConflictException.class);
            assertThat(restarted.defineGuardrail(piiDeny, "alice").version()).isEqualTo(3);
            assertThat(restarted.setTenantGuardrails("acme", List.of(), "carol")).isEmpty();
            restarted.retireGuardrail("no-pii", "carol");
            assertThat(restarted.guardrail("no-pii")).isEmpty();
        }
    }

    @Test
    void aGuardrailAConfigAttachesCannotBeRetiredUntilTheConfigLetsGoOfIt() {
        try (Governance governance = start()) {
            seed(governance);
            governance.defineGuardrail("{\"id\":\"in-use\",\"applies_to\":\"output\","
                    + "\"checks\":[{\"type\":\"pii\"}]}", "alice");
            governance.createConfig("guarded", "{\"targets\":[{\"provider\":\"@mock\","
                    + "\"output_guardrails\":[\"in-use\"]}]}", "alice");
            governance.createConfig("inline-only", "{\"input_guardrails\":[{\"default.regexMatch\":"
                    + "{\"rule\":\"in-use\"},\"deny\":true}],\"targets\":[{\"provider\":\"@mock\"}]}", "alice");

            assertThatThrownBy(() -> governance.retireGuardrail("in-use", "carol"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("configs [guarded]");

            governance.updateConfig("guarded", "{\"targets\":[{\"provider\":\"@mock\"}]}", "bob");
            governance.retireGuardrail("in-use", "carol");
            assertThat(governance.guardrail("in-use")).isEmpty();
        }
    }

    @Test
    void keyGuardrailsAndTenantWarnStatusSurviveRestartAndRotation() {
        IssuedKey issued;
        try (Governance governance = start()) {
            seed(governance);
            governance.defineGuardrail("{\"id\":\"no-pii\",\"checks\":[{\"type\":\"pii\",\"params\":{\"categories\":[\"email\"]}}]}",
                    "alice");
            governance.defineGuardrail("{\"id\":\"short\",\"checks\":[{\"type\":\"wordCount\",\"params\":{\"max\":5}}]}",
                    "alice");
            issued = governance.issueKey("guarded", "default", Map.of(), false, null, null, List.of("short", "no-pii"),
                    "alice");
            assertThat(issued.view().guardrailIds()).containsExactly("short", "no-pii");
            assertThat(governance.rotateKey(issued.id(), null, "bob").view().guardrailIds())
                    .containsExactly("short", "no-pii");
            // Changing only the model limits keeps the key's guardrails.
            assertThat(governance.updateKeyLimits(issued.id(), List.of("claude-haiku-4-5"), null, "bob").guardrailIds())
                    .containsExactly("short", "no-pii");
            assertThat(governance.setTenantGuardrails("acme", List.of(), 246, "carol").warnStatus()).isEqualTo(246);
            assertThat(governance.guardrailWarnStatus("acme")).isEqualTo(246);
            assertThat(governance.guardrailWarnStatus("other")).isEqualTo(200);
        }
        try (Governance restarted = start()) {
            KeyView key = restarted.key(issued.id()).orElseThrow();
            assertThat(key.guardrailIds()).containsExactly("short", "no-pii");
            assertThat(key.allowedModels()).containsExactly("claude-haiku-4-5");
            assertThat(restarted.tenantGuardrailSettings("acme"))
                    .isEqualTo(new TenantGuardrailsView("acme", List.of(), 246));
            assertThat(restarted.guardrailWarnStatus("acme")).isEqualTo(246);

            // A guardrail a live key requires cannot be retired: the proxy would refuse all of the key's requests.
            assertThatThrownBy(() -> restarted.retireGuardrail("short", "carol"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("[" + issued.id() + "]");
            assertThat(restarted.updateKeyLimits(issued.id(), null, null, List.of("no-pii"), "bob").guardrailIds())
                    .containsExactly("no-pii");
            restarted.retireGuardrail("short", "carol");
            assertThatThrownBy(() -> restarted.updateKeyLimits(issued.id(), null, null, List.of("short"), "bob"))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.field()).isEqualTo("keys.guardrails[0]"));
            // Revoked keys no longer count as requiring it.
            restarted.revokeKey(issued.id(), "bob");
            restarted.retireGuardrail("no-pii", "carol");

            // PUT semantics: settings without a warn status fall back to the default.
            restarted.setTenantGuardrails("acme", List.of(), "carol");
            assertThat(restarted.guardrailWarnStatus("acme")).isEqualTo(200);
        }
    }
}
