package io.turnpike.proxy.guardrails;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.turnpike.events.guardrails.JsonSchemaParams;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code jsonSchema}: passes when the text (all spans joined, surrounding whitespace and one {@code ```json} fence
 * around the whole tolerated) is JSON that validates against the schema — draft 2020-12 unless {@code $schema} names
 * another supported dialect. Failure messages list a few instance paths and the keyword that failed, never values.
 * Schemas are compiled once, checked against their dialect's meta-schema, and never fetch anything.
 */
public final class JsonSchemaCheck implements GuardrailCheck {
    public static final String TYPE = "jsonSchema";
    static final String CATEGORY = "json_schema";
    static final int MAX_LISTED_ERRORS = 3;
    private static final SpecificationVersion DEFAULT_DIALECT = SpecificationVersion.DRAFT_2020_12;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Pattern FENCE = Pattern.compile("\\A```(?:json)?[ \\t]*\\R(.*?)\\R?```\\z", Pattern.DOTALL);
    /** Meta-schemas come from the library's own resources; one registry serves every check. */
    private static final SchemaRegistry META = registry(DEFAULT_DIALECT);

    private final Schema schema;

    private JsonSchemaCheck(Schema schema) {
        this.schema = schema;
    }

    /**
     * @throws IllegalArgumentException when the schema does not compile or is not valid for its dialect; the
     *                                  message names the schema location, never the value found there
     */
    public static JsonSchemaCheck compile(JsonNode schemaNode) {
        SpecificationVersion dialect = dialect(schemaNode);
        List<Error> metaErrors = META.getSchema(SchemaLocation.of(dialect.getDialectId())).validate(schemaNode);
        if (!metaErrors.isEmpty()) {
            throw new IllegalArgumentException("not a valid " + dialect.getDialectId() + " schema: "
                    + describe(metaErrors));
        }
        try {
            // A registry per schema: schemas with the same $id in two guardrails must not meet in a cache.
            Schema schema = registry(dialect).getSchema(schemaNode);
            schema.initializeValidators();
            return new JsonSchemaCheck(schema);
        } catch (SchemaException e) {
            throw new IllegalArgumentException("does not compile (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static SpecificationVersion dialect(JsonNode schemaNode) {
        JsonNode declared = schemaNode.get("$schema");
        if (declared == null) {
            return DEFAULT_DIALECT;
        }
        String bare = declared.isTextual() ? JsonSchemaParams.dialect(declared.asText()) : null;
        Optional<SpecificationVersion> version = bare == null ? Optional.empty()
                : Arrays.stream(SpecificationVersion.values())
                .filter(v -> v.getDialectId().replaceAll("#$", "").equals(bare)).findFirst();
        return version.orElseThrow(() -> new IllegalArgumentException("$schema must be one of "
                + JsonSchemaParams.DIALECTS));
    }

    private static SchemaRegistry registry(SpecificationVersion dialect) {
        return SchemaRegistry.withDefaultDialect(dialect, builder -> builder
                .schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public CheckResult evaluate(GuardrailInput input) {
        long start = System.nanoTime();
        String text = input.spans().stream().map(TextSpan::text).collect(Collectors.joining()).strip();
        Matcher fence = FENCE.matcher(text);
        if (fence.matches()) {
            text = fence.group(1).strip();
        }
        JsonNode document;
        try {
            document = text.isEmpty() ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            document = null;
        }
        if (document == null) {
            return CheckResult.of(false, CATEGORY, List.of(), start, "the text is not JSON");
        }
        List<Error> errors = schema.validate(document);
        return CheckResult.of(errors.isEmpty(), CATEGORY, List.of(), start,
                errors.isEmpty() ? "valid against the schema" : "not valid against the schema: " + describe(errors));
    }

    /** {@code /items/0: type, /: required (answer)} and "+N more": paths and keywords, no values. */
    static String describe(List<Error> errors) {
        String listed = errors.stream().limit(MAX_LISTED_ERRORS).map(JsonSchemaCheck::describe)
                .collect(Collectors.joining(", "));
        return errors.size() > MAX_LISTED_ERRORS ? listed + " (+" + (errors.size() - MAX_LISTED_ERRORS) + " more)"
                : listed;
    }

    private static String describe(Error error) {
        String path = error.getInstanceLocation().toString();
        String keyword = error.getMessageKey();
        // A missing required property is named by the schema, not the text, so it is safe to say which.
        String property = "required".equals(keyword) && error.getProperty() != null ? " (" + error.getProperty() + ")"
                : "";
        return (path.isEmpty() ? "/" : path) + ": " + keyword + property;
    }
}
