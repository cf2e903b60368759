package org.civitas.issuer.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import org.civitas.server.FieldProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * A type's claims schema, compiled once (JSON Schema 2020-12 through networknt json-schema-validator, with
 * {@code format} asserted, so that a {@code date} must be a real calendar date). {@link #problems} names each
 * violation by its JSON path under {@code claims_json} and describes it from the schema alone: the claim's value
 * never appears in a message, since claims can be personal data. Thread-safe.
 */
public final class ClaimsSchema {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

    private final Schema schema;

    private ClaimsSchema(Schema schema) { this.schema = schema; }

    /** Compiles a schema; a schema that does not compile is a programming error of the catalogue. */
    public static ClaimsSchema of(String typeId, JsonNode schema) {
        try {
            return new ClaimsSchema(REGISTRY.getSchema(SchemaLocation.of("urn:civitas:type:" + typeId), schema));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the claims schema of " + typeId + " does not compile: " + e.getMessage(), e);
        }
    }

    /** Every violation of the schema by {@code claims}, in the validator's order; empty when they conform. */
    public List<FieldProblem> problems(JsonNode claims) {
        List<FieldProblem> problems = new ArrayList<>();
        for (Error error : schema.validate(claims)) {
            problems.add(new FieldProblem(field(error), describe(error)));
        }
        return problems;
    }

    /** Keywords whose error is reported at the object, naming the property concerned. */
    private static final java.util.Set<String> NAMES_PROPERTY =
        java.util.Set.of("required", "additionalProperties", "unevaluatedProperties");

    /** {@code claims_json.courses[0].credits}; a missing or extra property is named in full. */
    private static String field(Error error) {
        StringBuilder field = new StringBuilder("claims_json");
        NodePath path = error.getInstanceLocation();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            if (element instanceof Integer index) field.append('[').append(index).append(']');
            else field.append('.').append(element);
        }
        if (NAMES_PROPERTY.contains(error.getKeyword()) && error.getProperty() != null) {
            field.append('.').append(error.getProperty());
        }
        return field.toString();
    }

    private static String describe(Error error) {
        JsonNode rule = error.getSchemaNode();
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        // the validator hands over the keyword's own value (or, for some keywords, the schema holding it)
        JsonNode value = rule == null ? null : rule.isObject() && rule.has(keyword) ? rule.get(keyword) : rule;
        return switch (keyword) {
            case "required" -> "is required";
            case "type" -> "must be of type " + (value == null ? "given by the schema" : value.toString());
            case "enum" -> "must be one of " + value;
            case "const" -> "must be " + value;
            case "pattern" -> "must match the pattern " + value;
            case "format" -> "must be a valid " + (value == null ? "value" : value.asText())
                + ("date".equals(value == null ? "" : value.asText()) ? " (YYYY-MM-DD, RFC 3339 full-date)" : "");
            case "minimum" -> "must be at least " + value;
            case "maximum" -> "must be at most " + value;
            case "exclusiveMinimum" -> "must be greater than " + value;
            case "exclusiveMaximum" -> "must be less than " + value;
            case "minLength" -> "must have at least " + value + " characters";
            case "maxLength" -> "must have at most " + value + " characters";
            case "minItems" -> "must have at least " + value + " items";
            case "maxItems" -> "must have at most " + value + " items";
            case "additionalProperties", "unevaluatedProperties" -> "is not a claim of this type";
            default -> "violates the schema's '" + keyword + "' rule";
        };
    }
}
