package io.turnpike.aggregates.metadata;

import io.turnpike.aggregates.ValidationException;
import io.turnpike.events.admin.MetadataSchemaDefined;
import io.turnpike.events.metadata.MetadataSchema;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.startsWith;

class MetadataStandardTest {
    private static final String SCHEMA = "{\"fields\":{\"env\":{\"allowed_values\":[\"prod\",\"dev\"]}},"
            + "\"on_override\":\"refuse\"}";
    private static final String NORMALISED = MetadataSchema.parse(SCHEMA).toJson().toString();

    private AggregateTestFixture<MetadataStandard> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MetadataStandard.class);
    }

    @Test
    void definesVersionOneStoringTheNormalisedDocument() {
        fixture.givenNoPriorActivity()
                .when(new DefineMetadataSchemaCommand("acme", SCHEMA, "alice"))
                .expectEvents(new MetadataSchemaDefined("acme", 1, NORMALISED, "alice", fixture.currentTime()));
    }

    @Test
    void replacingMakesTheNextVersion() {
        fixture.given(new MetadataSchemaDefined("acme", 1, NORMALISED, "alice", fixture.currentTime()))
                .when(new DefineMetadataSchemaCommand("acme", "{}", "bob"))
                .expectEvents(new MetadataSchemaDefined("acme", 2, MetadataSchema.parse("{}").toJson().toString(),
                        "bob", fixture.currentTime()));
    }

    @Test
    void rejectsAnInvalidPatternNamingTheField() {
        fixture.givenNoPriorActivity()
                .when(new DefineMetadataSchemaCommand("acme", "{\"fields\":{\"user\":{\"pattern\":\"(\"}}}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("fields.user.pattern:"));
    }

    @Test
    void rejectsATenantThatIsNotAnId() {
        fixture.givenNoPriorActivity()
                .when(new DefineMetadataSchemaCommand("", "{}", "alice"))
                .expectException(ValidationException.class)
                .expectExceptionMessage(startsWith("tenant:"));
    }
}
