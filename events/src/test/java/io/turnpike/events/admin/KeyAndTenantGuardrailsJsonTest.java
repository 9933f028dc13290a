package io.turnpike.events.admin;

import io.turnpike.events.EventJson;
import io.turnpike.events.guardrails.TenantGuardrailsSet;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Key guardrails and the tenant's warn status are additive fields: events stored before them must still load. */
class KeyAndTenantGuardrailsJsonTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:15:30Z");

    private static <T> T read(String json, Class<T> type) {
        return EventJson.fromBytes(json.getBytes(StandardCharsets.UTF_8), type);
    }

    @Test
    void readsAKeyIssuedBeforeKeysCarriedGuardrailsAsHavingNone() {
        ApiKeyIssued event = read("{\"key_id\":\"key_1\",\"name\":\"n\",\"key_hash\":\"h\",\"key_prefix\":\"tp-abc\","
                + "\"config_id\":\"default\",\"metadata\":{\"team\":\"eng\"},\"actor\":\"alice\","
                + "\"occurred_at\":\"2026-11-25T10:15:30Z\",\"allowed_models\":[\"claude-haiku-4-5\"]}", ApiKeyIssued.class);

        assertThat(event.guardrailIds()).isEmpty();
        assertThat(event.allowedModels()).containsExactly("claude-haiku-4-5");
        assertThat(event.metadata()).isEqualTo(Map.of("team", "eng"));
    }

    @Test
    void readsLimitsUpdatedBeforeKeysCarriedGuardrailsAsHavingNone() {
        ApiKeyLimitsUpdated event = read("{\"key_id\":\"key_1\",\"expires_at\":\"2027-01-01T00:00:00Z\","
                + "\"actor\":\"bob\",\"occurred_at\":\"2026-11-25T10:15:30Z\"}", ApiKeyLimitsUpdated.class);

        assertThat(event).isEqualTo(new ApiKeyLimitsUpdated("key_1", null, Instant.parse("2027-01-01T00:00:00Z"),
                "bob", AT));
        assertThat(event.guardrailIds()).isEmpty();
    }

    @Test
    void readsTenantGuardrailsSetBeforeTheWarnStatusExistedAsTheDefault() {
        TenantGuardrailsSet event = read("{\"tenant\":\"acme\",\"guardrail_ids\":[\"no-pii\"],\"actor\":\"carol\","
                + "\"occurred_at\":\"2026-11-25T10:15:30Z\"}", TenantGuardrailsSet.class);

        assertThat(event.warnStatus()).isEqualTo(TenantGuardrailsSet.WARN_STATUS_DEFAULT);
        assertThat(event.guardrailIds()).containsExactly("no-pii");
    }

    @Test
    void roundTripsTheNewFields() {
        ApiKeyIssued issued = new ApiKeyIssued("key_1", "n", "h", "tp-abc", "default", Map.of(), "alice", AT, null,
                null, null, List.of("no-pii", "short"));
        ApiKeyLimitsUpdated updated = new ApiKeyLimitsUpdated("key_1", null, null, "bob", AT, List.of("no-pii"));
        TenantGuardrailsSet tenant = new TenantGuardrailsSet("acme", List.of(), "carol", AT, 246);

        assertThat(EventJson.fromBytes(EventJson.toBytes(issued), ApiKeyIssued.class)).isEqualTo(issued);
        assertThat(EventJson.fromBytes(EventJson.toBytes(updated), ApiKeyLimitsUpdated.class)).isEqualTo(updated);
        assertThat(EventJson.fromBytes(EventJson.toBytes(tenant), TenantGuardrailsSet.class)).isEqualTo(tenant);
        assertThat(new String(EventJson.toBytes(tenant), StandardCharsets.UTF_8)).contains("\"warn_status\":246");
    }
}
