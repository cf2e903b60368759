package org.civitas.server;

import java.util.Objects;

/**
 * One problem with one request field, answered as a {@code google.rpc.BadRequest.FieldViolation}.
 *
 * @param field       path of the field in the request, e.g. {@code claims.dateOfBirth} or {@code subject_did}
 * @param description what is wrong and what is expected, for a person to act on
 */
public record FieldProblem(String field, String description) {
    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(description, "description");
    }
}
