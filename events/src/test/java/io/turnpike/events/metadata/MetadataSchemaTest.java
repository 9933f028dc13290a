package io.turnpike.events.metadata;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataSchemaTest {
    private static final MetadataSchema ACME = MetadataSchema.parse("""
            {"fields": {"user": {"pattern": "^[^@]+@acme\\\\.com$"},
                        "env": {"allowed_values": ["prod", "staging", "dev"]}},
             "unknown_fields": "reject", "on_override": "refuse", "on_missing": "default_from_key"}
            """);

    @Test
    void defaultsToTheFourStandardFieldsAndLenientPolicies() {
        MetadataSchema schema = MetadataSchema.parse("{}");
        assertThat(schema.required()).containsExactly("tenant", "team", "user", "env");
        assertThat(schema.unknownFields()).isEqualTo(MetadataSchema.UnknownFields.ALLOW);
        assertThat(schema.onOverride()).isEqualTo(MetadataSchema.OnOverride.ENFORCE);
        assertThat(schema.onMissing()).isEqualTo(MetadataSchema.OnMissing.REJECT);
        assertThat(schema.violations(Map.of("anything", "goes"))).isEmpty();
    }

    @Test
    void readsPoliciesAndRulesBack() {
        assertThat(ACME.onOverride()).isEqualTo(MetadataSchema.OnOverride.REFUSE);
        assertThat(ACME.onMissing()).isEqualTo(MetadataSchema.OnMissing.DEFAULT_FROM_KEY);
        assertThat(ACME.toJson().at("/fields/env/allowed_values/2").asText()).isEqualTo("dev");
        assertThat(MetadataSchema.parse(ACME.toJson().toString()).toJson()).isEqualTo(ACME.toJson());
    }

    @Test
    void listsMissingRequiredFieldsInSchemaOrder() {
        assertThat(ACME.missing(Map.of("team", "eng", "user", " "))).containsExactly("tenant", "user", "env");
    }

    @Test
    void namesEveryFieldThatBreaksARule() {
        assertThat(ACME.violations(Map.of("tenant", "acme", "team", "eng", "user", "a@acme.com", "env", "prod")))
                .isEmpty();
        assertThat(ACME.violations(Map.of("user", "a@evil.com"))).containsExactly("user: must match ^[^@]+@acme\\.com$");
        assertThat(ACME.violations(Map.of("env", "qa"))).containsExactly("env: must be one of prod, staging, dev");
        assertThat(ACME.violations(Map.of("project", "x"))).containsExactly("project: unknown field");
        assertThat(ACME.violations(Map.of("team", "t".repeat(129)))).containsExactly("team: longer than 128 characters");
    }

    @Test
    void patternsMustMatchTheWholeValue() {
        assertThat(ACME.violations(Map.of("user", "a@acme.com.evil.org"))).hasSize(1);
    }

    @Test
    void refusesBadDocumentsNamingTheField() {
        assertThatThrownBy(() -> MetadataSchema.parse("{\"fields\":{\"user\":{\"pattern\":\"([\"}}}"))
                .isInstanceOf(MetadataSchemaException.class)
                .extracting(e -> ((MetadataSchemaException) e).field()).isEqualTo("fields.user.pattern");
        assertThatThrownBy(() -> MetadataSchema.parse("{\"on_override\":\"ignore\"}"))
                .hasMessage("on_override: must be one of enforce, refuse");
        assertThatThrownBy(() -> MetadataSchema.parse("{\"requierd\":[]}"))
                .extracting(e -> ((MetadataSchemaException) e).field()).isEqualTo("requierd");
        assertThatThrownBy(() -> MetadataSchema.parse("{\"fields\":{\"env\":{\"allowed_values\":[]}}}"))
                .extracting(e -> ((MetadataSchemaException) e).field()).isEqualTo("fields.env.allowed_values");
        assertThatThrownBy(() -> MetadataSchema.parse("[]")).hasMessage("schema: must be a JSON object");
    }
}
