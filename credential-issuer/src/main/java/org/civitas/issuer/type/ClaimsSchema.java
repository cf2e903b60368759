package org.civitas.issuer.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.civitas.sdk.schema.JsonSchema;
import org.civitas.sdk.schema.SchemaViolation;
import org.civitas.server.FieldProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * A type's claims schema, compiled once with the SDK's {@link JsonSchema}, the same validator offline verifiers
 * use, so that what the issuer accepts and what a counter accepts never drift apart ({@code format} is asserted:
 * a {@code date} must be a real calendar date). {@link #problems} names each violation by its JSON path under
 * {@code claims_json} and describes it from the schema alone: the claim's value never appears in a message, since
 * claims can be personal data. Thread-safe.
 */
public final class ClaimsSchema {

    private final JsonSchema schema;

    private ClaimsSchema(JsonSchema schema) { this.schema = schema; }

    /** Compiles a schema; a schema that does not compile is a programming error of the catalogue. */
    public static ClaimsSchema of(String typeId, ObjectNode schema) {
        try {
            return new ClaimsSchema(JsonSchema.compile(schema));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the claims schema of " + typeId + " does not compile: " + e.getMessage(), e);
        }
    }

    /** Every violation of the schema by {@code claims}, in document order; empty when they conform. */
    public List<FieldProblem> problems(JsonNode claims) {
        List<FieldProblem> problems = new ArrayList<>();
        for (SchemaViolation violation : schema.validate(claims)) {
            String path = violation.path();
            String field = path.isEmpty() ? "claims_json" : path.startsWith("[") ? "claims_json" + path : "claims_json." + path;
            problems.add(new FieldProblem(field, violation.reason().en()));
        }
        return problems;
    }
}
