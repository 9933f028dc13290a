package io.turnpike.aggregates.keys;

import io.turnpike.aggregates.ApiKeys;
import io.turnpike.aggregates.ConflictException;
import io.turnpike.aggregates.ValidationException;
import io.turnpike.aggregates.rules.FakeReferences;
import io.turnpike.events.admin.ApiKeyIssued;
import io.turnpike.events.admin.ApiKeyLimitsUpdated;
import io.turnpike.events.admin.ApiKeyRevoked;
import io.turnpike.events.admin.ApiKeyRotated;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

class ApiKeyTest {
    private static final String KEY_ID = "key_abcdefghij234567abcd";
    private static final String HASH = ApiKeys.hash("tp-example");
    private static final Map<String, String> TEAM = Map.of("team", "search", "env", "prod");

    private AggregateTestFixture<ApiKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ApiKey.class);
        fixture.registerInjectableResource(new FakeReferences().withConfig("default").withGuardrail("no-pii")
                .withGuardrail("short"));
    }

    private IssueApiKeyCommand issue(String name, String configId, Map<String, String> metadata) {
        return new IssueApiKeyCommand(KEY_ID, name, HASH, "tp-example", configId, metadata, false, "alice");
    }

    private ApiKeyIssued issued() {
        return new ApiKeyIssued(KEY_ID, "search prod", HASH, "tp-example", "default", TEAM, "alice",
                fixture.currentTime());
    }

    @Test
    void issuesKeyRecordingOnlyHashAndPrefix() {
        fixture.givenNoPriorActivity()
                .when(issue("search prod", "default", TEAM))
                .expectEvents(issued());
    }

    @Test
    void recordsThatAKeyMayOverrideItsConfigPerRequest() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(KEY_ID, "search prod", HASH, "tp-example", "default", TEAM, true, "alice"))
                .expectEvents(new ApiKeyIssued(KEY_ID, "search prod", HASH, "tp-example", "default", TEAM, "alice",
                        fixture.currentTime(), Boolean.TRUE));
    }

    @Test
    void rejectsIssuingAnExistingKeyIdAsConflict() {
        fixture.given(issued())
                .when(issue("search prod", "default", TEAM))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsKeyForUnknownConfig() {
        fixture.givenNoPriorActivity()
                .when(issue("search prod", "missing", TEAM))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.config_id:"));
    }

    @Test
    void rejectsEmptyName() {
        fixture.givenNoPriorActivity()
                .when(issue("", "default", TEAM))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.name:"));
    }

    @Test
    void rejectsNameLongerThan128Characters() {
        fixture.givenNoPriorActivity()
                .when(issue("n".repeat(129), "default", TEAM))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.name:"));
    }

    @Test
    void rejectsMetadataValueLongerThan128Characters() {
        fixture.givenNoPriorActivity()
                .when(issue("search prod", "default", Map.of("team", "t".repeat(129))))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.metadata.team:"));
    }

    @Test
    void rejectsHashThatIsNotSha256Hex() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(KEY_ID, "n", "tp-plaintext-by-mistake", "tp-plainte", "default",
                        Map.of(), false, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.key_hash:"));
    }

    @Test
    void revokesActiveKey() {
        fixture.given(issued())
                .when(new RevokeApiKeyCommand(KEY_ID, "bob"))
                .expectEvents(new ApiKeyRevoked(KEY_ID, "bob", fixture.currentTime()));
    }

    @Test
    void rejectsRevokingTwice() {
        fixture.given(issued(), new ApiKeyRevoked(KEY_ID, "bob", fixture.currentTime()))
                .when(new RevokeApiKeyCommand(KEY_ID, "bob"))
                .expectException(ConflictException.class)
                .expectExceptionMessage(containsString("already revoked"))
                .expectNoEvents();
    }

    @Test
    void revokingUnknownKeyIsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new RevokeApiKeyCommand(KEY_ID, "bob"))
                .expectException(AggregateNotFoundException.class);
    }

    private static final String NEW_HASH = ApiKeys.hash("tp-rotated");

    @Test
    void issuesKeyWithAllowedModelsAndExpiry() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(KEY_ID, "search prod", HASH, "tp-example", "default", TEAM, false,
                        List.of("claude-sonnet-4-5", " claude-haiku-4-5", "claude-sonnet-4-5"),
                        fixture.currentTime().plus(Duration.ofDays(30)), "alice"))
                .expectEvents(new ApiKeyIssued(KEY_ID, "search prod", HASH, "tp-example", "default", TEAM, "alice",
                        fixture.currentTime(), null, List.of("claude-sonnet-4-5", "claude-haiku-4-5"),
                        fixture.currentTime().plus(Duration.ofDays(30))));
    }

    @Test
    void rejectsIssuingAKeyThatHasAlreadyExpired() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(KEY_ID, "n", HASH, "tp-example", "default", TEAM, false, null,
                        fixture.currentTime(), "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.expires_at:"));
    }

    @Test
    void rejectsAnEmptyAllowedModelsList() {
        fixture.givenNoPriorActivity()
                .when(new IssueApiKeyCommand(KEY_ID, "n", HASH, "tp-example", "default", TEAM, false, List.of(),
                        null, "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.allowed_models:"));
    }

    @Test
    void rotatesKeepingTheOldHashValidForTheGracePeriod() {
        fixture.given(issued())
                .when(new RotateApiKeyCommand(KEY_ID, NEW_HASH, "tp-rotated", Duration.ofHours(24), "carol"))
                .expectEvents(new ApiKeyRotated(KEY_ID, NEW_HASH, "tp-rotated", HASH,
                        fixture.currentTime().plus(Duration.ofHours(24)), "carol", fixture.currentTime()));
    }

    @Test
    void secondRotationRecordsTheHashOfTheFirstAsPrevious() {
        String third = ApiKeys.hash("tp-third");
        fixture.given(issued(), new ApiKeyRotated(KEY_ID, NEW_HASH, "tp-rotated", HASH, fixture.currentTime(),
                        "carol", fixture.currentTime()))
                .when(new RotateApiKeyCommand(KEY_ID, third, "tp-third", Duration.ZERO, "carol"))
                .expectEvents(new ApiKeyRotated(KEY_ID, third, "tp-third", NEW_HASH, fixture.currentTime(), "carol",
                        fixture.currentTime()));
    }

    @Test
    void rejectsRotatingARevokedKey() {
        fixture.given(issued(), new ApiKeyRevoked(KEY_ID, "bob", fixture.currentTime()))
                .when(new RotateApiKeyCommand(KEY_ID, NEW_HASH, "tp-rotated", Duration.ofHours(1), "carol"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsAGracePeriodLongerThanThirtyDays() {
        fixture.given(issued())
                .when(new RotateApiKeyCommand(KEY_ID, NEW_HASH, "tp-rotated", Duration.ofDays(31), "carol"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("grace_period_seconds:"));
    }

    @Test
    void updatesLimitsAsAWhole() {
        fixture.given(issued())
                .when(new UpdateApiKeyLimitsCommand(KEY_ID, List.of("claude-haiku-4-5"),
                        fixture.currentTime().plus(Duration.ofDays(1)), "dave"))
                .expectEvents(new ApiKeyLimitsUpdated(KEY_ID, List.of("claude-haiku-4-5"),
                        fixture.currentTime().plus(Duration.ofDays(1)), "dave", fixture.currentTime()));
    }

    @Test
    void clearsLimitsWithNulls() {
        fixture.given(issued())
                .when(new UpdateApiKeyLimitsCommand(KEY_ID, null, null, "dave"))
                .expectEvents(new ApiKeyLimitsUpdated(KEY_ID, null, null, "dave", fixture.currentTime()));
    }

    @Test
    void rejectsChangingLimitsOfARevokedKey() {
        fixture.given(issued(), new ApiKeyRevoked(KEY_ID, "bob", fixture.currentTime()))
                .when(new UpdateApiKeyLimitsCommand(KEY_ID, null, null, "dave"))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    private IssueApiKeyCommand issueWithGuardrails(List<String> guardrailIds) {
        return new IssueApiKeyCommand(KEY_ID, "search prod", HASH, "tp-example", "default", TEAM, false, null, null,
                guardrailIds, "alice");
    }

    private ApiKeyIssued issuedWithGuardrails(List<String> guardrailIds) {
        return new ApiKeyIssued(KEY_ID, "search prod", HASH, "tp-example", "default", TEAM, "alice",
                fixture.currentTime(), null, null, null, guardrailIds);
    }

    @Test
    void issuesKeyWithItsOwnGuardrailsInOrder() {
        fixture.givenNoPriorActivity()
                .when(issueWithGuardrails(List.of("short", "no-pii")))
                .expectEvents(issuedWithGuardrails(List.of("short", "no-pii")));
    }

    @Test
    void rejectsIssuingWithAnUnknownOrRetiredGuardrailNamingItsPosition() {
        fixture.givenNoPriorActivity()
                .when(issueWithGuardrails(List.of("no-pii", "retired-one")))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.guardrails[1]: no guardrail \"retired-one\""))
                .expectNoEvents();
    }

    @Test
    void rejectsAGuardrailListedTwice() {
        fixture.givenNoPriorActivity()
                .when(issueWithGuardrails(List.of("no-pii", "short", "no-pii")))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.guardrails[2]: \"no-pii\" is listed twice"));
    }

    @Test
    void rejectsMoreThanSixteenGuardrails() {
        List<String> seventeen = java.util.stream.IntStream.rangeClosed(1, ApiKey.MAX_GUARDRAILS + 1)
                .mapToObj(i -> "g" + i).toList();
        fixture.givenNoPriorActivity()
                .when(issueWithGuardrails(seventeen))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.guardrails: at most 16 guardrails"));
    }

    @Test
    void replacesTheGuardrailsWithTheLimits() {
        fixture.given(issuedWithGuardrails(List.of("no-pii")))
                .when(new UpdateApiKeyLimitsCommand(KEY_ID, null, null, List.of("short"), "dave"))
                .expectEvents(new ApiKeyLimitsUpdated(KEY_ID, null, null, "dave", fixture.currentTime(),
                        List.of("short")));
    }

    @Test
    void anEmptyGuardrailListClearsThem() {
        fixture.given(issuedWithGuardrails(List.of("no-pii")))
                .when(new UpdateApiKeyLimitsCommand(KEY_ID, null, null, List.of(), "dave"))
                .expectEvents(new ApiKeyLimitsUpdated(KEY_ID, null, null, "dave", fixture.currentTime(), List.of()));
    }

    @Test
    void rejectsChangingToAnUnknownGuardrail() {
        fixture.given(issuedWithGuardrails(List.of("no-pii")))
                .when(new UpdateApiKeyLimitsCommand(KEY_ID, null, null, List.of("ghost"), "dave"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("keys.guardrails[0]:"))
                .expectNoEvents();
    }

    @Test
    void rotationLeavesTheGuardrailsAlone() {
        fixture.given(issuedWithGuardrails(List.of("no-pii")))
                .when(new RotateApiKeyCommand(KEY_ID, NEW_HASH, "tp-rotated", Duration.ZERO, "carol"))
                .expectEvents(new ApiKeyRotated(KEY_ID, NEW_HASH, "tp-rotated", HASH, fixture.currentTime(), "carol",
                        fixture.currentTime()));
    }
}
